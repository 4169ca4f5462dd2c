using System.Text.Json;
using Dimo.Core.Crypto;
using Dimo.Core.Wire;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Batch;

/// <summary>
/// A standard Ethereum library (ethers 6 under node, tests/interop/ethers) and the CLI agree on batch signatures
/// in both directions. Skipped without node and ethers, except under CI=true.
/// </summary>
[RequiresEthers]
public class Ethers_and_the_cli_accept_each_others_batches
{
    private static readonly string[] ReadingSets =
    [
        """[{"timestamp":1700000000000,"name":"speed","value":48.3}]""",
        """[{"timestamp":1700000000000,"name":"speed","value":48.3},{"timestamp":1700000000100,"name":"vin","value":"1HGCM82633A004352"},{"timestamp":1700000000000,"name":"currentLocationLatitude","value":52.5200066},{"timestamp":1700000000020,"name":"speed","value":49}]""",
        """[{"timestamp":0,"name":"obdDTCList","value":"P0301,P0420"},{"timestamp":1,"name":"powertrainType","value":"BEV"}]""",
    ];

    [ServerFact]
    public void Ethers_verifyMessage_recovers_the_cli_key_from_batches_the_cli_signed()
    {
        using var files = new BatchFiles();
        var keys = new List<string>();
        var lines = new List<string>();
        for (int i = 0; i < ReadingSets.Length; i++)
        {
            var key = DimoCli.Run("key", "new");
            using var json = JsonDocument.Parse(key.Output);
            var privateKey = json.RootElement.GetProperty("privateKey").GetString()!;
            keys.Add(json.RootElement.GetProperty("address").GetString()!);
            var signed = DimoCli.Run("batch", "sign", "--private-key", privateKey, "--readings", files.Readings(ReadingSets[i]),
                "--seq", i.ToString(), "--boot", "1");
            Assert.True(signed.Exit == 0, signed.Errors);
            var wire = Hex.Decode(signed.Line);
            var batch = SignedBatch.Split(wire, 0, wire.Length);
            lines.Add(Hex.Encode(batch.Body) + " " + Hex.Encode(batch.Signature));
        }

        var recovered = EthersInterop.RunScript("recover-personal-signers.mjs", TimeSpan.FromSeconds(60), string.Join("\n", lines) + "\n");

        Assert.Equal(keys, recovered.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [ServerFact]
    public void Batch_inspect_accepts_bodies_signed_by_an_ethers_wallet_and_names_its_address()
    {
        using var files = new BatchFiles();
        var random = new Random(2024);
        var bodies = new List<string>();
        var lines = new List<string>();
        foreach (var readings in ReadingSets)
        {
            var keyBytes = new byte[32];
            random.NextBytes(keyBytes);
            var body = Hex.Encode(Hex.Decode(files.SignedHex(readings))[..^SignedBatch.SignatureLength]);
            bodies.Add(body);
            lines.Add(Hex.Encode(keyBytes) + " " + body);
        }

        var signed = EthersInterop.RunScript("sign-personal-messages.mjs", TimeSpan.FromSeconds(60), string.Join("\n", lines) + "\n")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(bodies.Count, signed.Length);
        for (int i = 0; i < bodies.Count; i++)
        {
            var (walletAddress, signature) = (signed[i].Split(' ')[0], signed[i].Split(' ')[1]);
            var run = DimoCli.Run("batch", "inspect", "--hex", "0x" + bodies[i] + signature[2..]);
            Assert.True(run.Exit == 0, run.Errors);
            using var json = JsonDocument.Parse(run.Output);
            Assert.Equal(walletAddress, json.RootElement.GetProperty("signer").GetString());
        }
    }
}
