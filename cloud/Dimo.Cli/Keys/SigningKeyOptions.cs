using System.CommandLine;
using Dimo.Core.Crypto;

namespace Dimo.Cli.Keys;

/// <summary>
/// Where a command takes its signing key from: <c>--private-key 0x…</c>, <c>--key-file FILE</c> or the
/// <c>DIMO_PRIVATE_KEY</c> environment variable, exactly one of them. The file and the variable keep keys out
/// of shell history. Every command that signs adds these options and calls <see cref="Resolve"/>; error
/// messages name the source, never the key.
/// </summary>
public sealed class SigningKeyOptions
{
    public const string EnvironmentVariable = "DIMO_PRIVATE_KEY";

    private const string PrivateKeyName = "--private-key";
    private const string KeyFileName = "--key-file";

    private readonly Option<string?> _privateKey = new(PrivateKeyName)
    {
        Description = "secp256k1 private key, 0x and 64 hex digits (or use --key-file or " + EnvironmentVariable + ")",
    };

    private readonly Option<FileInfo?> _keyFile = new(KeyFileName)
    {
        Description = "file holding the 0x-hex private key (surrounding whitespace ignored)",
    };

    /// <summary>Adds the options to a command that needs a key.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_privateKey);
        command.Options.Add(_keyFile);
    }

    /// <summary>
    /// The key from the one source given. Exit 2 when no source or several are given; exit 1 when the key file
    /// cannot be read or the text is not a valid key.
    /// </summary>
    public PrivateKey Resolve(ParseResult parsed)
    {
        var fromOption = parsed.GetValue(_privateKey);
        var fromFile = parsed.GetValue(_keyFile);
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrEmpty(fromEnvironment))
            fromEnvironment = null;

        var given = new List<string>();
        if (fromOption != null)
            given.Add(PrivateKeyName);
        if (fromFile != null)
            given.Add(KeyFileName);
        if (fromEnvironment != null)
            given.Add(EnvironmentVariable);
        if (given.Count == 0)
            throw new CliException($"no private key: give {PrivateKeyName}, {KeyFileName} or the {EnvironmentVariable} environment variable",
                CliRunner.UsageError);
        if (given.Count > 1)
            throw new CliException($"more than one private key source ({string.Join(", ", given)}): give exactly one", CliRunner.UsageError);

        if (fromOption != null)
            return Parse(fromOption, PrivateKeyName);
        if (fromFile != null)
            return Parse(ReadKeyFile(fromFile), $"{KeyFileName} {fromFile.FullName}");
        return Parse(fromEnvironment!, EnvironmentVariable);
    }

    /// <summary>A key from its hex text; <paramref name="source"/> names where the text came from in errors.</summary>
    public static PrivateKey Parse(string text, string source)
    {
        var trimmed = text.Trim();
        var digits = trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? trimmed[2..] : trimmed;
        if (digits.Length != 2 * PrivateKey.Length || !digits.All(Uri.IsHexDigit))
            throw new CliException($"{source}: not a private key (expected 0x and {2 * PrivateKey.Length} hex digits)");
        var bytes = Convert.FromHexString(digits);
        try
        {
            return PrivateKey.FromBytes(bytes);
        }
        catch (ArgumentException)
        {
            throw new CliException($"{source}: not a private key (it must be at least 1 and below the secp256k1 order)");
        }
        finally
        {
            Array.Clear(bytes);
        }
    }

    private static string ReadKeyFile(FileInfo file)
    {
        try
        {
            return File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read {KeyFileName} {file.FullName}: {e.Message}");
        }
    }
}
