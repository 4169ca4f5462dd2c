using System.Diagnostics;
using Dimo.Core.Crypto;
using Dimo.Core.Wire;
using Dimo.Testing;
using Dimo.Testing.Wire;

namespace Dimo.Core.Tests.Wire;

/// <summary>
/// A standard Ethereum library (ethers 6, tests/interop/ethers, installed by tests/run-all.sh) recovers the
/// device address from sealed batches, as the spec promises third parties.
/// </summary>
public class Ethers_recovers_the_signer_of_sealed_batches
{
    [Fact]
    public void Ethers_recovers_the_device_address_from_sealed_batches()
    {
        var random = new Random(12);
        var writer = new BatchWriter();
        var cases = new List<(byte[] Wire, int BodyLength, string Address)>();
        var exampleKey = PrivateKey.FromBytes(Hex.Decode(WorkedExample.PrivateKeyHex));
        var example = writer.WriteBody(WorkedExample.BootId, WorkedExample.Seq, WorkedExample.Readings());
        cases.Add((SignedBatch.Seal(example, exampleKey), example.Length, WorkedExample.Address));
        var reference = writer.WriteBody(ReferenceBatch.BootId, ReferenceBatch.Seq, ReferenceBatch.Readings());
        cases.Add((SignedBatch.Seal(reference, exampleKey), reference.Length, WorkedExample.Address));
        for (int i = 0; i < 20; i++)
        {
            var keyBytes = new byte[32];
            random.NextBytes(keyBytes);
            var key = PrivateKey.FromBytes(keyBytes);
            var body = writer.WriteBody((uint)i, (uint)i, RandomBatches.Readings(random));
            cases.Add((SignedBatch.Seal(body, key), body.Length, key.ChecksumAddress));
        }

        var lines = cases.Select(c =>
        {
            var signed = SignedBatch.Split(c.Wire, 0, c.Wire.Length);
            return Hex.Encode(signed.Body) + " " + Hex.Encode(signed.Signature);
        });
        var recovered = RunEthers(string.Join("\n", lines) + "\n");

        Assert.Equal(cases.Select(c => c.Address), recovered);
    }

    private static string[] RunEthers(string input)
    {
        string folder = RepositoryRoot.File("tests", "interop", "ethers");
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "ethers")),
            "ethers is not installed: run `npm ci` in tests/interop/ethers (tests/run-all.sh does)");
        var start = new ProcessStartInfo("node", "recover-personal-signers.mjs")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        var stderr = node.StandardError.ReadToEndAsync();
        node.StandardInput.Write(input);
        node.StandardInput.Close();
        string stdout = node.StandardOutput.ReadToEnd();
        Assert.True(node.WaitForExit(30_000), "node did not finish in 30 s");
        Assert.True(node.ExitCode == 0, "node failed: " + stderr.Result);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
