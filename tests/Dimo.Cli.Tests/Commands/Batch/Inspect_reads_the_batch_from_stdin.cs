using Dimo.Cli.Tests.Commands.Key;

namespace Dimo.Cli.Tests.Commands.Batch;

public class Inspect_reads_the_batch_from_stdin
{
    [Fact]
    public void A_dash_reads_the_hex_from_stdin_ignoring_line_breaks()
    {
        using var files = new BatchFiles();
        var hex = files.SignedHex("""[{"timestamp":1700000000000,"name":"vin","value":"1HGCM82633A004352"}]""", "--seq", "9");

        var run = DimoCli.RunProcess(["batch", "inspect", "--hex", "-"], stdin: hex[..40] + "\n" + hex[40..] + "\n");

        Assert.Equal(0, run.Exit);
        Assert.Contains("\"signer\":\"" + TestKeys.Address + "\"", run.Output);
        Assert.Contains("\"seq\":9", run.Output);
        Assert.Contains("\"value\":\"1HGCM82633A004352\"", run.Output);
    }
}
