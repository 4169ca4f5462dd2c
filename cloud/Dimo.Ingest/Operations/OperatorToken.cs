using System.Security.Cryptography;
using System.Text;

namespace Dimo.Ingest.Operations;

/// <summary>
/// The operator's secret, configured on the ingestor. Only its SHA-256 is kept, and a candidate is compared by hash
/// with <see cref="CryptographicOperations.FixedTimeEquals"/>: equal lengths, so the comparison takes the same time
/// whatever the candidate's length or its first wrong character.
/// </summary>
public sealed class OperatorToken
{
    /// <summary>Short tokens can be guessed; generated ones are 43 characters (256 random bits).</summary>
    public const int MinimumLength = 16;

    private readonly byte[] _hash;

    public OperatorToken(string token)
    {
        var trimmed = token.Trim();
        if (trimmed.Length < MinimumLength)
            throw new ArgumentException($"the operator token must be at least {MinimumLength} characters; generate one with `openssl rand -hex 32`");
        _hash = Hash(trimmed);
    }

    public bool Matches(string? candidate) =>
        candidate != null && CryptographicOperations.FixedTimeEquals(_hash, Hash(candidate.Trim()));

    /// <summary>A fresh token: 32 random bytes, base64url (safe in a URL fragment and a file).</summary>
    public static string Generate() => Base64Url(RandomNumberGenerator.GetBytes(32));

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
