using Dimo.NanoGuard.Tests.Compile;

namespace Dimo.NanoGuard.Tests.KeyMaterial;

/// <summary>
/// The device key never leaves the dongle: in the firmware compile, nothing calls <c>PrivateKey.ToBytes</c>, and only
/// the key store creates or opens the key file.
/// </summary>
public class KeyMaterialConfinementTests
{
    [Fact]
    public void Only_the_key_store_touches_key_material_in_the_firmware_compile()
    {
        var compile = FirmwareCompilation.Current;
        Assert.Empty(compile.Errors);

        var violations = KeyMaterialUses.Violations(compile);

        Assert.True(violations.Count == 0, "key material used outside the key store:\n"
            + string.Join("\n", violations.Select(v => $"{v.File}({v.Line}): {v.Member}")));
        // The rule is not vacuous: the key store is found using what it is allowed to.
        var uses = KeyMaterialUses.Find(compile);
        Assert.Contains(uses, u => u.File == KeyMaterialUses.KeyStore && u.Member.Contains("DeviceKeyFile.Create", StringComparison.Ordinal));
        Assert.Contains(uses, u => u.File == KeyMaterialUses.KeyStore && u.Member.Contains("DeviceKeyFile.Open", StringComparison.Ordinal));
    }

    [Fact]
    public void A_firmware_file_that_exports_the_key_is_named_with_its_line()
    {
        using var repo = FirmwareCompilesForNanoFrameworkTests.CopyOfFirmwareAndCore();
        var leak = Path.Combine(repo.Path, FirmwareCompilation.FirmwareFolder, "Diagnostics", "KeyDump.cs");
        Directory.CreateDirectory(Path.GetDirectoryName(leak)!);
        File.WriteAllText(leak, """
            using Dimo.Core.Crypto;

            namespace Dimo.Firmware.Diagnostics
            {
                public static class KeyDump
                {
                    public static string Dump(PrivateKey key)
                    {
                        return Hex.Encode(key.ToBytes());
                    }
                }
            }
            """);

        var compile = FirmwareCompilation.Run(repo.Path, NanoReferences.Set.All);

        Assert.Empty(compile.Errors);
        var violation = Assert.Single(KeyMaterialUses.Violations(compile));
        Assert.Equal(("Dimo.Core.Crypto.PrivateKey.ToBytes()", "firmware/Dimo.Firmware/Diagnostics/KeyDump.cs", 9), violation);
    }

    [Fact]
    public void Creating_a_key_file_outside_the_key_store_is_named_even_as_a_method_group()
    {
        using var repo = FirmwareCompilesForNanoFrameworkTests.CopyOfFirmwareAndCore();
        var copy = Path.Combine(repo.Path, FirmwareCompilation.FirmwareFolder, "Keys", "SpareKey.cs");
        File.WriteAllText(copy, """
            using Dimo.Core.Crypto;
            using Dimo.Core.Dongle;

            namespace Dimo.Firmware.Keys
            {
                public delegate byte[] KeyFactory(IEntropy entropy);

                public static class SpareKey
                {
                    public static readonly KeyFactory Factory = DeviceKeyFile.Create;
                }
            }
            """);

        var compile = FirmwareCompilation.Run(repo.Path, NanoReferences.Set.All);

        Assert.Empty(compile.Errors);
        var violation = Assert.Single(KeyMaterialUses.Violations(compile));
        Assert.Equal("firmware/Dimo.Firmware/Keys/SpareKey.cs", violation.File);
        Assert.Equal(10, violation.Line);
    }
}
