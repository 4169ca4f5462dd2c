using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Key;

public class Invalid_keys_exit_1_without_echoing_the_key
{
    [Theory]
    [InlineData("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f3623", "expected 0x and 64 hex digits")]
    [InlineData("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f3623zz", "expected 0x and 64 hex digits")]
    [InlineData("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f36231800", "expected 0x and 64 hex digits")]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000", "it must be at least 1 and below the secp256k1 order")]
    [InlineData(TestKeys.Order, "it must be at least 1 and below the secp256k1 order")]
    public void A_malformed_or_out_of_range_key_option_is_refused_with_one_line(string key, string reason)
    {
        var run = DimoCli.Run("key", "address", "--private-key", key);

        Assert.Equal(1, run.Exit);
        Assert.Equal("", run.Output);
        Assert.Equal($"dimo: --private-key: not a private key ({reason})", run.Errors.TrimEnd());
        Assert.DoesNotContain(key[2..], run.Errors);
    }

    [Fact]
    public void A_key_file_with_something_else_is_refused_without_showing_its_content()
    {
        using var dir = new TempDirectory();
        var secret = "my-seed-phrase-is-not-a-key";
        File.WriteAllText(dir.File("device.key"), secret);

        var run = DimoCli.Run("key", "address", "--key-file", dir.File("device.key"));

        Assert.Equal(1, run.Exit);
        Assert.Contains("--key-file " + dir.File("device.key") + ": not a private key", run.Errors);
        Assert.DoesNotContain(secret, run.Errors);
    }

    [Fact]
    public void A_missing_key_file_exits_1_naming_the_file()
    {
        using var dir = new TempDirectory();

        var run = DimoCli.Run("key", "address", "--key-file", dir.File("absent.key"));

        Assert.Equal(1, run.Exit);
        Assert.Contains("cannot read --key-file " + dir.File("absent.key"), run.Errors);
    }
}
