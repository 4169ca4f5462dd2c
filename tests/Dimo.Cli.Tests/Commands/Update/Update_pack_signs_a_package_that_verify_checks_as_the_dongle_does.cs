using System.Text.Json;
using Dimo.Cli.Tests.Commands.Key;
using Dimo.Core.Crypto;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Update;

public class Update_pack_signs_a_package_that_verify_checks_as_the_dongle_does
{
    private static readonly string OtherKey = "0x" + Hex.Encode(Enumerable.Repeat((byte)0x11, 32).ToArray());

    private static (TempDirectory Dir, string Package) Packed(string version = "1.2.0")
    {
        var dir = new TempDirectory();
        File.WriteAllText(dir.File("Dimo.Firmware.pe"), "app assembly");
        File.WriteAllText(dir.File("nanoFramework.M2Mqtt.pe"), "mqtt assembly");
        var package = dir.File("update");
        var run = DimoCli.Run("update", "pack", "--version", version, "--private-key", TestKeys.PrivateKey, "--out", package,
            dir.File("Dimo.Firmware.pe"), dir.File("nanoFramework.M2Mqtt.pe"));
        Assert.True(run.Exit == 0, run.Errors);
        return (dir, package);
    }

    private static CliRun Verify(string package, string releaseAddress, string running = "1.1.0") =>
        DimoCli.Run("update", "verify", package, "--release-address", releaseAddress, "--running-version", running);

    [Fact]
    public void A_packed_update_verifies_against_its_release_address()
    {
        var (dir, package) = Packed();
        using var _ = dir;
        var packed = JsonDocument.Parse(DimoCli.Run("update", "pack", "--version", "1.2.0", "--private-key", TestKeys.PrivateKey,
            "--out", dir.File("second"), dir.File("Dimo.Firmware.pe")).Output).RootElement;

        var run = Verify(package, TestKeys.Address);

        Assert.Equal(0, run.Exit);
        Assert.Equal($"ok: version 1.2.0, 2 file(s), signed by {TestKeys.Address}", run.Line);
        Assert.Equal(TestKeys.Address, packed.GetProperty("signer").GetString());
        Assert.Equal(["Dimo.Firmware.pe"], packed.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        Assert.True(File.Exists(Path.Combine(package, "manifest.txt")));
        Assert.Matches("^0x[0-9a-f]{130}\n$", File.ReadAllText(Path.Combine(package, "manifest.sig")));
    }

    [Fact]
    public void A_tampered_pe_file_is_refused()
    {
        var (dir, package) = Packed();
        using var _ = dir;
        File.WriteAllText(Path.Combine(package, "Dimo.Firmware.pe"), "app assembly, patched");

        var run = Verify(package, TestKeys.Address);

        Assert.Equal(1, run.Exit);
        Assert.Contains("refused (FileMismatch): Dimo.Firmware.pe is 21 bytes; the manifest says 12", run.Errors);
    }

    [Fact]
    public void A_tampered_manifest_is_refused_as_another_signer()
    {
        var (dir, package) = Packed();
        using var _ = dir;
        var manifest = Path.Combine(package, "manifest.txt");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("version 1.2.0", "version 1.3.0"));

        var run = Verify(package, TestKeys.Address);

        Assert.Equal(1, run.Exit);
        Assert.Contains("refused (WrongSigner)", run.Errors);
    }

    [Fact]
    public void A_package_signed_by_another_key_is_refused()
    {
        var (dir, package) = Packed();
        using var _ = dir;
        var other = PrivateKey.FromBytes(Hex.Decode(OtherKey[2..]));

        var run = Verify(package, other.ChecksumAddress);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"refused (WrongSigner): signed by {TestKeys.Address}, not by the release key {other.ChecksumAddress}", run.Errors);
    }

    [Fact]
    public void The_running_version_or_an_older_one_is_refused()
    {
        var (dir, package) = Packed("1.2.0");
        using var _ = dir;

        var run = Verify(package, TestKeys.Address, running: "1.2.0");

        Assert.Equal(1, run.Exit);
        Assert.Contains("refused (NotNewer): version 1.2.0 is not newer than the running 1.2.0", run.Errors);
    }

    [Fact]
    public void A_pe_file_slipped_into_the_folder_is_refused()
    {
        var (dir, package) = Packed();
        using var _ = dir;
        File.WriteAllText(Path.Combine(package, "Extra.pe"), "unsigned");

        var run = Verify(package, TestKeys.Address);

        Assert.Equal(1, run.Exit);
        Assert.Contains("refused (FileMismatch): Extra.pe is in the folder but not in the manifest", run.Errors);
    }

    [Fact]
    public void Pack_refuses_files_that_are_not_pe_and_a_folder_that_is_not_empty()
    {
        var (dir, package) = Packed();
        using var _ = dir;
        File.WriteAllText(dir.File("notes.txt"), "x");

        var notPe = DimoCli.Run("update", "pack", "--version", "1.0.0", "--private-key", TestKeys.PrivateKey, "--out", dir.File("u2"), dir.File("notes.txt"));
        var reused = DimoCli.Run("update", "pack", "--version", "1.0.0", "--private-key", TestKeys.PrivateKey, "--out", package, dir.File("Dimo.Firmware.pe"));
        var badVersion = DimoCli.Run("update", "pack", "--version", "1.0", "--private-key", TestKeys.PrivateKey, "--out", dir.File("u3"), dir.File("Dimo.Firmware.pe"));

        Assert.Equal(1, notPe.Exit);
        Assert.Contains("notes.txt: not a .pe file", notPe.Errors);
        Assert.Equal(1, reused.Exit);
        Assert.Contains("exists and is not empty", reused.Errors);
        Assert.Equal(1, badVersion.Exit);
        Assert.Contains("cannot pack: the version is major.minor.patch", badVersion.Errors);
        Assert.Single(badVersion.Errors.TrimEnd().Split('\n'));
    }
}
