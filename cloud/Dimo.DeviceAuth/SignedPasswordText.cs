using System.Globalization;
using Dimo.Core.DeviceContract;

namespace Dimo.DeviceAuth;

/// <summary>
/// The one strict reading of a device's signed MQTT password, <c>&lt;version&gt;:&lt;decimal&gt;:0x&lt;130 lowercase hex&gt;</c>,
/// shared by the login token (the decimal is its unix seconds) and the fixed password (its generation): one spelling per
/// password, so a broker comparing texts and the ingestor comparing meanings agree.
/// </summary>
public static class SignedPasswordText
{
    /// <summary>Bytes of the signature (r || s || v).</summary>
    public const int SignatureLength = DeviceLoginToken.SignatureLength;

    /// <summary>
    /// Parses <paramref name="text"/>: exactly <paramref name="versionPrefix"/>, a decimal of at most
    /// <paramref name="maxDigits"/> digits without sign or padding (else <paramref name="numberProblem"/>), and the signature.
    /// </summary>
    public static bool TryParse(string? text, string versionPrefix, int maxDigits, string numberProblem,
        out long number, out byte[] signature, out string problem)
    {
        number = 0;
        signature = [];
        if (text == null || !text.StartsWith(versionPrefix, StringComparison.Ordinal))
            return Fail("the password does not start with " + versionPrefix, out problem);
        var numberEnd = text.IndexOf(':', versionPrefix.Length);
        if (numberEnd < 0)
            return Fail("the password has no signature part", out problem);
        var digits = text.AsSpan(versionPrefix.Length, numberEnd - versionPrefix.Length);
        if (digits.Length == 0 || digits.Length > maxDigits || (digits.Length > 1 && digits[0] == '0') || digits.ContainsAnyExceptInRange('0', '9')
            || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number))
            return Fail(numberProblem, out problem);
        var hex = text.AsSpan(numberEnd + 1);
        if (hex.Length != 2 + 2 * SignatureLength || !hex.StartsWith("0x") || hex[2..].ContainsAnyExcept("0123456789abcdef"))
            return Fail("the signature is not 0x followed by " + 2 * SignatureLength + " lowercase hex digits", out problem);
        signature = Convert.FromHexString(hex[2..]);
        problem = "";
        return true;
    }

    private static bool Fail(string why, out string problem)
    {
        problem = why;
        return false;
    }
}
