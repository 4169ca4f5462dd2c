using Dimo.Cli.Tests.Commands.Key;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Batch;

/// <summary>Writes readings JSON to a temp file and signs it with <c>dimo batch sign</c>.</summary>
public sealed class BatchFiles : IDisposable
{
    private readonly TempDirectory _dir = new("dimo-batch");

    public string Readings(string json)
    {
        var path = _dir.File(Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    public CliRun Sign(string json, params string[] extraArgs) =>
        DimoCli.Run(["batch", "sign", "--private-key", TestKeys.PrivateKey, "--readings", Readings(json), .. extraArgs]);

    /// <summary>Signs and returns the 0x-hex wire batch, failing the test when signing fails.</summary>
    public string SignedHex(string json, params string[] extraArgs)
    {
        var run = Sign(json, extraArgs);
        Assert.True(run.Exit == 0, run.Errors);
        return run.Line;
    }

    public void Dispose() => _dir.Dispose();
}
