using System.Globalization;
using Dimo.Core.DeviceContract;

namespace Dimo.DeviceAuth;

/// <summary>
/// The server's reading of a <see cref="DeviceLoginToken"/> password: <c>v1:&lt;unix seconds&gt;:0x&lt;130 hex&gt;</c>
/// (the 65-byte signature r || s || v).
/// </summary>
public sealed class DeviceLoginPassword
{
    public const int SignatureLength = DeviceLoginToken.SignatureLength;
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
            return Fail("no password", out problem);
        if (!text.StartsWith(VersionPrefix, StringComparison.Ordinal))
            return Fail("the password does not start with " + VersionPrefix, out problem);
        var secondsEnd = text.IndexOf(':', VersionPrefix.Length);
        if (secondsEnd < 0)
            return Fail("the password has no signature part", out problem);
        var seconds = text.AsSpan(VersionPrefix.Length, secondsEnd - VersionPrefix.Length);
        if (seconds.Length is 0 or > 19 || (seconds.Length > 1 && seconds[0] == '0') || !IsDigits(seconds)
            || !long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var unixSeconds))
            return Fail("the login time is not a plain decimal number of seconds", out problem);
        var signature = text.AsSpan(secondsEnd + 1);
        if (signature.Length != 2 + 2 * SignatureLength || !signature.StartsWith("0x") || !IsLowercaseHex(signature[2..]))
            return Fail("the signature is not 0x followed by " + 2 * SignatureLength + " lowercase hex digits", out problem);
        password = new DeviceLoginPassword(unixSeconds, Convert.FromHexString(signature[2..]));
        problem = "";
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
                return false;
        }
        return true;
    }

    private static bool IsLowercaseHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f'))
                return false;
        }
        return true;
    }

    private static bool Fail(string why, out string problem)
    {
        problem = why;
        return false;
    }
}
