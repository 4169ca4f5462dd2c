using Dimo.Core.DeviceContract;

namespace Dimo.DeviceAuth;

/// <summary>
/// The server's reading of a <see cref="DeviceLoginToken"/> password: <c>v1:&lt;unix seconds&gt;:0x&lt;130 hex&gt;</c>
/// (the 65-byte signature r || s || v).
/// </summary>
public sealed class DeviceLoginPassword
{
    private const string VersionPrefix = DeviceLoginToken.Version + ":";

    private DeviceLoginPassword(long unixSeconds, byte[] signature)
    {
        UnixSeconds = unixSeconds;
        Signature = signature;
    }

    public long UnixSeconds { get; }

    public byte[] Signature { get; }

    /// <summary>Parses strictly: exact version, decimal seconds without sign or padding, lowercase hex signature.</summary>
    public static bool TryParse(string? text, out DeviceLoginPassword? password, out string problem)
    {
        password = null;
        if (text == null)
        {
            problem = "no password";
            return false;
        }
        if (!SignedPasswordText.TryParse(text, VersionPrefix, 19, "the login time is not a plain decimal number of seconds",
                out var unixSeconds, out var signature, out problem))
            return false;
        password = new DeviceLoginPassword(unixSeconds, signature);
        return true;
    }
}
