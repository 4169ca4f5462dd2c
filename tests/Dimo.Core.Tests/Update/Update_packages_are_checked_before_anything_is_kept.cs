using System.Text;
using Dimo.Core.Crypto;
using Dimo.Core.Tests.Dongle;
using Dimo.Core.Update;

namespace Dimo.Core.Tests.Update;

public class Update_packages_are_checked_before_anything_is_kept
{
    private static readonly PrivateKey Release = PrivateKey.Generate(new SeededEntropy(100));
    private static readonly PrivateKey Stranger = PrivateKey.Generate(new SeededEntropy(200));
    private static readonly string[] Names = ["Dimo.Firmware.pe", "nanoFramework.M2Mqtt.pe"];
    private static readonly byte[][] Files = [Encoding.ASCII.GetBytes("app assembly bytes"), Encoding.ASCII.GetBytes("mqtt assembly bytes, a little longer")];

    private static byte[] Manifest(string version = "1.2.0") => UpdateManifest.Write(version, Names, Files);

    [Fact]
    public void A_package_signed_by_the_release_key_passes_with_every_file()
    {
        byte[] manifest = Manifest();
        byte[] signature = UpdatePackage.Sign(Release, manifest);

        var verified = UpdatePackage.Verify(manifest, signature, Release.Address, "1.1.9");
        for (int i = 0; i < Names.Length; i++)
            UpdatePackage.CheckFile(verified, Names[i], Files[i]);

        Assert.Equal("1.2.0", verified.Version);
        Assert.Equal(Names, Enumerable.Range(0, verified.FileCount).Select(verified.FileName));
        Assert.Equal(Files[1].Length, verified.FileSize(1));
    }

    [Fact]
    public void The_manifest_text_is_the_documented_format()
    {
        string text = Encoding.ASCII.GetString(Manifest());

        Assert.Equal(
            "dimo-update v1\nversion 1.2.0\n" +
            $"file 18 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Files[0]))} Dimo.Firmware.pe\n" +
            $"file 36 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Files[1]))} nanoFramework.M2Mqtt.pe\n",
            text);
    }

    [Fact]
    public void A_tampered_manifest_is_refused_as_signed_by_someone_else()
    {
        byte[] manifest = Manifest();
        byte[] signature = UpdatePackage.Sign(Release, manifest);
        byte[] tampered = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(manifest).Replace("version 1.2.0", "version 9.2.0"));

        var error = Assert.Throws<UpdateRejectedException>(() => UpdatePackage.Verify(tampered, signature, Release.Address, "1.1.9"));

        Assert.Equal(UpdateRejection.WrongSigner, error.Reason);
    }

    [Fact]
    public void A_package_signed_by_another_key_is_refused_naming_both_addresses()
    {
        byte[] manifest = Manifest();

        var error = Assert.Throws<UpdateRejectedException>(() => UpdatePackage.Verify(manifest, UpdatePackage.Sign(Stranger, manifest), Release.Address, "1.1.9"));

        Assert.Equal(UpdateRejection.WrongSigner, error.Reason);
        Assert.Contains(Stranger.ChecksumAddress, error.Message);
        Assert.Contains(Release.ChecksumAddress, error.Message);
    }

    [Fact]
    public void A_tampered_pe_file_is_refused()
    {
        byte[] manifest = Manifest();
        var verified = UpdatePackage.Verify(manifest, UpdatePackage.Sign(Release, manifest), Release.Address, "1.1.9");
        byte[] altered = (byte[])Files[0].Clone();
        altered[3] ^= 0x20;

        Assert.Equal(UpdateRejection.FileMismatch, Assert.Throws<UpdateRejectedException>(() => UpdatePackage.CheckFile(verified, Names[0], altered)).Reason);
        Assert.Equal(UpdateRejection.FileMismatch, Assert.Throws<UpdateRejectedException>(() => UpdatePackage.CheckFile(verified, Names[0], Files[0][..^1])).Reason);
        Assert.Equal(UpdateRejection.FileMismatch, Assert.Throws<UpdateRejectedException>(() => UpdatePackage.CheckFile(verified, "Other.pe", Files[0])).Reason);
    }

    [Theory]
    [InlineData("1.2.0")]
    [InlineData("1.10.0")]
    [InlineData("2.0.0")]
    public void The_same_or_an_older_version_is_refused(string running)
    {
        byte[] manifest = Manifest();

        var error = Assert.Throws<UpdateRejectedException>(() => UpdatePackage.Verify(manifest, UpdatePackage.Sign(Release, manifest), Release.Address, running));

        Assert.Equal(UpdateRejection.NotNewer, error.Reason);
    }

    [Fact]
    public void A_malformed_signature_is_refused()
    {
        byte[] manifest = Manifest();
        byte[] signature = UpdatePackage.Sign(Release, manifest);
        signature[64] = 5;

        Assert.Equal(UpdateRejection.MalformedSignature, Assert.Throws<UpdateRejectedException>(() => UpdatePackage.Verify(manifest, signature, Release.Address, "1.0.0")).Reason);
        Assert.Equal(UpdateRejection.MalformedSignature, Assert.Throws<UpdateRejectedException>(() => UpdatePackage.Verify(manifest, signature[..64], Release.Address, "1.0.0")).Reason);
    }

    [Theory]
    [InlineData("dimo-update v2\nversion 1.0.0\nfile 1 " + Zero64 + " a.pe\n", "starts with")]
    [InlineData("dimo-update v1\nversion 1.0\nfile 1 " + Zero64 + " a.pe\n", "line 2")]
    [InlineData("dimo-update v1\nversion 1.0.0\nfile 01 " + Zero64 + " a.pe\n", "line 3")]
    [InlineData("dimo-update v1\nversion 1.0.0\nfile 1 " + Zero64 + " a.dll\n", "line 3")]
    [InlineData("dimo-update v1\nversion 1.0.0\nfile 1 " + Zero64 + " a.pe\nfile 1 " + Zero64 + " a.pe\n", "listed twice")]
    [InlineData("dimo-update v1\nversion 1.0.0\nfile 1 " + Zero64 + " a.pe", "line feed")]
    [InlineData("dimo-update v1\r\nversion 1.0.0\nfile 1 " + Zero64 + " a.pe\n", "printable")]
    public void A_malformed_manifest_signed_by_the_release_key_is_still_refused(string text, string reason)
    {
        byte[] manifest = Encoding.ASCII.GetBytes(text);

        var error = Assert.Throws<UpdateRejectedException>(() => UpdatePackage.Verify(manifest, UpdatePackage.Sign(Release, manifest), Release.Address, "0.0.1"));

        Assert.Equal(UpdateRejection.MalformedManifest, error.Reason);
        Assert.Contains(reason, error.Message);
    }

    private const string Zero64 = "0000000000000000000000000000000000000000000000000000000000000000";
}
