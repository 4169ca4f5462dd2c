using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Key;

/// <summary>Issue 19, item 3: <c>dimo key new --out device.key</c> creates the file the other commands' <c>--key-file</c> reads.</summary>
public class Key_new_out_writes_a_key_file_only_its_owner_reads
{
    [Fact]
    public void The_file_has_mode_0600_and_the_printed_address_is_its_keys()
    {
        using var dir = new TempDirectory();
        var path = dir.File("device.key");

        var created = DimoCli.Run("key", "new", "--out", path);
        var address = DimoCli.Run("key", "address", "--key-file", path);

        Assert.Equal(0, created.Exit);
        Assert.Matches("^0x[0-9a-fA-F]{40}$", created.Line);
        Assert.Equal(created.Line, address.Line);
        Assert.DoesNotContain(File.ReadAllText(path).Trim()[2..], created.Output);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void An_existing_file_is_never_overwritten()
    {
        using var dir = new TempDirectory();
        var path = dir.File("device.key");
        File.WriteAllText(path, TestKeys.PrivateKey);

        var run = DimoCli.Run("key", "new", "--out", path);

        Assert.Equal(1, run.Exit);
        Assert.Equal("", run.Output);
        Assert.StartsWith("dimo: --out " + path + " exists", run.Errors);
        Assert.Equal(TestKeys.PrivateKey, File.ReadAllText(path));
    }
}
