using System.Globalization;
using Dimo.Core.Crypto;

namespace Dimo.Ingest.Registry.Passwords;

/// <summary>
/// The cloud's reading of a <see cref="DevicePassword"/> text, <c>pw1:&lt;generation&gt;:0x&lt;130 hex&gt;</c>: strict,
/// so one password has exactly one spelling (a broker compares the text, not its meaning).
/// </summary>
public sealed class DevicePasswordText
{
    public const int SignatureLength = 65;
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
        if (!LooksLikeOne(text))
            return Fail("the password does not start with " + VersionPrefix, out problem);
        var generationEnd = text!.IndexOf(':', VersionPrefix.Length);
        if (generationEnd < 0)
            return Fail("the password has no signature part", out problem);
        var digits = text.AsSpan(VersionPrefix.Length, generationEnd - VersionPrefix.Length);
        if (digits.Length is 0 or > 9 || (digits.Length > 1 && digits[0] == '0') || digits.ContainsAnyExceptInRange('0', '9')
            || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var generation))
            return Fail("the password generation is not a plain decimal number", out problem);
        var signature = text.AsSpan(generationEnd + 1);
        if (signature.Length != 2 + 2 * SignatureLength || !signature.StartsWith("0x") || signature[2..].ContainsAnyExcept("0123456789abcdef"))
            return Fail("the signature is not 0x followed by " + 2 * SignatureLength + " lowercase hex digits", out problem);
        password = new DevicePasswordText(generation, Convert.FromHexString(signature[2..]));
        problem = "";
        return true;
    }

    private static bool Fail(string why, out string problem)
    {
        problem = why;
        return false;
    }
}
