using System.Globalization;
using System.Text;
using Dimo.Core.Crypto;

namespace Dimo.Verification.Siwe;

/// <summary>
/// A Sign-In with Ethereum message (EIP-4361) as the wallet shows and signs it (EIP-191 personal_sign). Parsing
/// follows the EIP's text layout exactly (header, address, optional statement, then the fields in their fixed
/// order), so the bytes we verify are the bytes the user read. <see cref="ToString"/> writes the same layout.
/// </summary>
public sealed record SiweMessage(
    string Domain, byte[] Address, string? Statement, string Uri, string Version, long ChainId, string Nonce,
    DateTimeOffset IssuedAt, DateTimeOffset? ExpirationTime = null, DateTimeOffset? NotBefore = null, string? RequestId = null,
    IReadOnlyList<string>? Resources = null)
{
    private const string HeaderSuffix = " wants you to sign in with your Ethereum account:";

    /// <summary>Parses the message text; throws <see cref="FormatException"/> naming the first line that does not fit.</summary>
    public static SiweMessage Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var at = 0;
        string Next(string what) => at < lines.Length ? lines[at++] : throw new FormatException("the message ends before " + what);

        var header = Next("the header");
        if (!header.EndsWith(HeaderSuffix, StringComparison.Ordinal))
            throw new FormatException("line 1 must be \"<domain>" + HeaderSuffix + "\"");
        var domain = header[..^HeaderSuffix.Length];
        var schemeEnd = domain.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
            domain = domain[(schemeEnd + 3)..];
        if (domain.Length == 0 || domain.Any(char.IsWhiteSpace))
            throw new FormatException("line 1 names no domain");
        var addressText = Next("the address");
        byte[] address;
        try
        {
            address = EthAddress.Parse(addressText);
        }
        catch (FormatException e)
        {
            throw new FormatException("line 2 is not an address: " + e.Message);
        }
        if (addressText != EthAddress.ToChecksumString(address))
            throw new FormatException("line 2 must be the address in EIP-55 checksum form");
        if (Next("the blank line after the address") != "")
            throw new FormatException("line 3 must be empty");
        string? statement = null;
        var line = Next("the URI");
        if (line != "")
        {
            statement = line;
            if (Next("the blank line after the statement") != "")
                throw new FormatException("the statement must be one line followed by an empty line");
        }
        else if (at < lines.Length && lines[at] == "")
        {
            at++;
        }
        var uri = Field(Next("the URI"), "URI");
        var version = Field(Next("the version"), "Version");
        var chainText = Field(Next("the chain id"), "Chain ID");
        if (!long.TryParse(chainText, NumberStyles.None, CultureInfo.InvariantCulture, out var chainId))
            throw new FormatException("Chain ID must be a decimal number");
        var nonce = Field(Next("the nonce"), "Nonce");
        if (nonce.Length < 8 || !nonce.All(char.IsAsciiLetterOrDigit))
            throw new FormatException("Nonce must be at least 8 letters or digits");
        var issuedAt = Time(Field(Next("the issue time"), "Issued At"), "Issued At");
        DateTimeOffset? expiration = null, notBefore = null;
        string? requestId = null;
        List<string>? resources = null;
        while (at < lines.Length)
        {
            line = lines[at++];
            if (line.StartsWith("Expiration Time: ", StringComparison.Ordinal) && expiration == null && notBefore == null && requestId == null && resources == null)
                expiration = Time(line["Expiration Time: ".Length..], "Expiration Time");
            else if (line.StartsWith("Not Before: ", StringComparison.Ordinal) && notBefore == null && requestId == null && resources == null)
                notBefore = Time(line["Not Before: ".Length..], "Not Before");
            else if (line.StartsWith("Request ID: ", StringComparison.Ordinal) && requestId == null && resources == null)
                requestId = line["Request ID: ".Length..];
            else if (line == "Resources:" && resources == null)
            {
                resources = [];
                while (at < lines.Length && lines[at].StartsWith("- ", StringComparison.Ordinal))
                    resources.Add(lines[at++][2..]);
            }
            else if (line == "" && at == lines.Length)
                break;
            else
                throw new FormatException("unexpected line " + at + ": \"" + line + "\"");
        }
        return new SiweMessage(domain, address, statement, uri, version, chainId, nonce, issuedAt, expiration, notBefore, requestId, resources);
    }

    /// <summary>The message text in EIP-4361 layout (times in UTC with milliseconds, as wallets write them).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Domain).Append(HeaderSuffix).Append('\n');
        text.Append(EthAddress.ToChecksumString(Address)).Append("\n\n");
        if (Statement != null)
            text.Append(Statement).Append('\n');
        text.Append('\n');
        text.Append("URI: ").Append(Uri).Append('\n');
        text.Append("Version: ").Append(Version).Append('\n');
        text.Append("Chain ID: ").Append(ChainId.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("Nonce: ").Append(Nonce).Append('\n');
        text.Append("Issued At: ").Append(Format(IssuedAt));
        if (ExpirationTime is { } expiration)
            text.Append("\nExpiration Time: ").Append(Format(expiration));
        if (NotBefore is { } notBefore)
            text.Append("\nNot Before: ").Append(Format(notBefore));
        if (RequestId != null)
            text.Append("\nRequest ID: ").Append(RequestId);
        if (Resources != null)
        {
            text.Append("\nResources:");
            foreach (var resource in Resources)
                text.Append("\n- ").Append(resource);
        }
        return text.ToString();
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Field(string line, string name) =>
        line.StartsWith(name + ": ", StringComparison.Ordinal) ? line[(name.Length + 2)..] : throw new FormatException("expected \"" + name + ": …\", got \"" + line + "\"");

    private static DateTimeOffset Time(string text, string name) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) && text.Contains('T')
            ? time
            : throw new FormatException(name + " must be an RFC 3339 date-time");
}
