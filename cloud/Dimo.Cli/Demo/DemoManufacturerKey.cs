using Dimo.Core.Crypto;
using Dimo.Verification.Keys;
using Dimo.Cli.Keys;

namespace Dimo.Cli.Demo;

/// <summary>
/// The demo's development manufacturer: a key generated on first run and kept in the data directory, so a second
/// demo on the same database mints under the same manufacturer.
/// </summary>
public static class DemoManufacturerKey
{
    public const string FileName = "dev-manufacturer.key";

    public static string LoadOrCreate(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
            return File.ReadAllText(path).Trim();
        var hex = Hex.Encode(PrivateKey.Generate(SystemEntropy.Instance).ToBytes());
        File.WriteAllText(path, hex + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return hex;
    }
}
