using Dimo.Core.Crypto;
using Dimo.DeviceAuth;

namespace Dimo.Ingest.Registry.Passwords;

/// <summary>
/// The cloud's reading of a <see cref="DevicePassword"/> text, <c>pw1:&lt;generation&gt;:0x&lt;130 hex&gt;</c>: strict,
/// so one password has exactly one spelling (a broker compares the text, not its meaning).
/// </summary>
public sealed class DevicePasswordText
{
    private const string VersionPrefix = DevicePassword.Version + ":";

    private DevicePasswordText(int generation, byte[] signature)
    {
        Generation = generation;
        Signature = signature;
    }

    public int Generation { get; }

    public byte[] Signature { get; }

    /// <summary>True when <paramref name="text"/> claims to be a fixed device password (so a login token is not mistaken for one).</summary>
    public static bool LooksLikeOne(string? text) => text != null && text.StartsWith(VersionPrefix, StringComparison.Ordinal);

    public static bool TryParse(string? text, out DevicePasswordText? password, out string problem)
    {
        password = null;
        if (!SignedPasswordText.TryParse(text, VersionPrefix, 9, "the password generation is not a plain decimal number",
                out var generation, out var signature, out problem))
            return false;
        password = new DevicePasswordText((int)generation, signature);
        return true;
    }
}
