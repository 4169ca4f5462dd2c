using System.CommandLine;
using System.Text.Json;
using Dimo.Cli.Keys;
using Dimo.Core.Crypto;
using Dimo.Verification.Keys;

namespace Dimo.Cli.Commands;

/// <summary>
/// <c>dimo key new</c>: a fresh key from the OS random generator, as <c>{"privateKey":"0x…","address":"0x…"}</c>.
/// <c>dimo key address</c>: the checksummed (EIP-55) address of a key.
/// </summary>
public static class KeyCommand
{
    public static Command Create()
    {
        var command = new Command("key", "Create device keys and show their addresses");
        command.Subcommands.Add(CreateNew());
        command.Subcommands.Add(CreateAddress());
        return command;
    }

    private static Command CreateNew()
    {
        var command = new Command("new", "Generate a secp256k1 key; prints JSON with the private key and its checksummed address");
        command.SetAction(parsed =>
        {
            var key = PrivateKey.Generate(SystemEntropy.Instance);
            var keyBytes = key.ToBytes();
            var json = JsonSerializer.Serialize(new { privateKey = "0x" + Hex.Encode(keyBytes), address = key.ChecksumAddress });
            Array.Clear(keyBytes);
            parsed.InvocationConfiguration.Output.WriteLine(json);
            return CliRunner.Success;
        });
        return command;
    }

    private static Command CreateAddress()
    {
        var keyOptions = new SigningKeyOptions();
        var command = new Command("address", "Print the checksummed address of a private key");
        keyOptions.AddTo(command);
        command.SetAction(parsed =>
        {
            parsed.InvocationConfiguration.Output.WriteLine(keyOptions.Resolve(parsed).ChecksumAddress);
            return CliRunner.Success;
        });
        return command;
    }
}
