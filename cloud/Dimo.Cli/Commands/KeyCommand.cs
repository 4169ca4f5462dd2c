using System.CommandLine;
using System.Text.Json;
using Dimo.Cli.Keys;
using Dimo.Core.Crypto;
using Dimo.Verification.Keys;

namespace Dimo.Cli.Commands;

/// <summary>
/// <c>dimo key new</c>: a fresh key from the OS random generator, as <c>{"privateKey":"0x…","address":"0x…"}</c>, or
/// with <c>--out FILE</c> written to a new mode-0600 file, printing only the address.
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
        var outFile = new Option<FileInfo?>("--out")
        {
            Description = "write the private key (0x hex) to this new file, readable by you only (mode 0600), and print just the address",
        };
        var command = new Command("new", "Generate a secp256k1 key; prints JSON with the private key and its checksummed address, or writes the key to --out")
        {
            outFile,
        };
        command.SetAction(parsed =>
        {
            var key = PrivateKey.Generate(SystemEntropy.Instance);
            var keyBytes = key.ToBytes();
            var hex = "0x" + Hex.Encode(keyBytes);
            Array.Clear(keyBytes);
            if (parsed.GetValue(outFile) is { } file)
            {
                WriteKeyFile(file, hex);
                parsed.InvocationConfiguration.Output.WriteLine(key.ChecksumAddress);
            }
            else
            {
                parsed.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(new { privateKey = hex, address = key.ChecksumAddress }));
            }
            return CliRunner.Success;
        });
        return command;
    }

    /// <summary>Creates the file with mode 0600 from the start (no moment where others could read it); never overwrites a key.</summary>
    private static void WriteKeyFile(FileInfo file, string hex)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var writer = new StreamWriter(file.FullName, options);
            writer.WriteLine(hex);
        }
        catch (IOException) when (file.Exists)
        {
            throw new CliException($"--out {file.FullName} exists: a key file is never overwritten; give another path or delete it first");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write --out {file.FullName}: {e.Message}");
        }
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
