using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dimo.Core.Crypto;
using Dimo.Verification.Recovery;
using Dimo.Verification.Siwe;

namespace Dimo.Ingest.Owners.Auth;

/// <summary>
/// Sign-In with Ethereum (EIP-4361): hands out single-use nonces and turns a signed message into a session.
/// A message is accepted only when its domain is ours, its URI points at that domain, its chain id is the
/// registry's, its nonce was issued here within <see cref="NonceLifetime"/> and not used before, it was issued
/// no earlier than the nonce and not in the future (beyond <see cref="ClockSkew"/>), it has not expired and is
/// past its Not Before, and its EIP-191 signature recovers to the address it names. Each refusal says which check failed.
/// </summary>
public sealed class SiweLogin(ISignatureRecovery recovery, TimeProvider clock, Func<string> domain, long chainId, SessionTokens sessions)
{
    public static readonly TimeSpan NonceLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>Outstanding nonces are bounded so that asking for nonces cannot fill memory.</summary>
    public const int MaxOutstandingNonces = 100_000;

    private readonly ConcurrentDictionary<string, long> _nonces = new();

    public SessionTokens Sessions => sessions;

    /// <summary>The domain a message must name (the authority users sign in to).</summary>
    public string Domain => domain();

    public long ChainId => chainId;

    public string IssueNonce()
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (_nonces.Count >= MaxOutstandingNonces)
        {
            foreach (var (key, issued) in _nonces)
            {
                if (now - issued > (long)NonceLifetime.TotalMilliseconds)
                    _nonces.TryRemove(key, out _);
            }
            if (_nonces.Count >= MaxOutstandingNonces)
                throw new OwnerApiException(429, "tooManyNonces", "too many sign-ins in progress; try again in a few minutes");
        }
        // 16 random bytes as 32 hex digits: alphanumeric, as EIP-4361 requires, and unguessable.
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        _nonces[nonce] = now;
        return nonce;
    }

    public SessionGrant SignIn(string messageText, string signatureHex)
    {
        SiweMessage message;
        try
        {
            message = SiweMessage.Parse(messageText ?? throw new FormatException("message missing"));
        }
        catch (FormatException e)
        {
            throw OwnerApiException.Invalid("not an EIP-4361 message: " + e.Message);
        }
        byte[] signature;
        try
        {
            signature = Hex.Decode(signatureHex ?? throw new FormatException("signature missing"));
        }
        catch (FormatException e)
        {
            throw OwnerApiException.Invalid("signature is not hex: " + e.Message);
        }
        var expectedDomain = domain();
        if (message.Domain != expectedDomain)
            throw OwnerApiException.Unauthorized($"the message signs in to {message.Domain}, not {expectedDomain}");
        if (!System.Uri.TryCreate(message.Uri, UriKind.Absolute, out var uri) || uri.Authority != expectedDomain)
            throw OwnerApiException.Unauthorized($"URI {message.Uri} is not on {expectedDomain}");
        if (message.Version != "1")
            throw OwnerApiException.Unauthorized("Version must be 1");
        if (message.ChainId != chainId)
            throw OwnerApiException.Unauthorized($"Chain ID {message.ChainId} is not the registry's chain {chainId}");
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (!_nonces.TryGetValue(message.Nonce, out var nonceIssuedMs))
            throw OwnerApiException.Unauthorized("unknown or already used nonce: get a fresh one from GET /api/auth/nonce");
        if (now - nonceIssuedMs > (long)NonceLifetime.TotalMilliseconds)
        {
            _nonces.TryRemove(message.Nonce, out _);
            throw OwnerApiException.Unauthorized("the nonce expired: get a fresh one from GET /api/auth/nonce");
        }
        var issuedMs = message.IssuedAt.ToUnixTimeMilliseconds();
        var skewMs = (long)ClockSkew.TotalMilliseconds;
        if (issuedMs > now + skewMs)
            throw OwnerApiException.Unauthorized("Issued At is in the future");
        if (issuedMs < nonceIssuedMs - skewMs)
            throw OwnerApiException.Unauthorized("Issued At is older than the nonce");
        if (message.ExpirationTime is { } expiration && expiration.ToUnixTimeMilliseconds() <= now)
            throw OwnerApiException.Unauthorized("the message expired at " + expiration.ToString("O"));
        if (message.NotBefore is { } notBefore && notBefore.ToUnixTimeMilliseconds() > now + skewMs)
            throw OwnerApiException.Unauthorized("the message is not valid before " + notBefore.ToString("O"));
        var text = Encoding.UTF8.GetBytes(messageText);
        var signer = new byte[EthAddress.Length];
        if (signature.Length != 65 || !recovery.TryRecoverAddress(Eip191.Hash(text, 0, text.Length), signature, signer))
            throw OwnerApiException.Unauthorized("the signature recovers no address (expected 65 bytes r ‖ s ‖ v of personal_sign)");
        if (!signer.AsSpan().SequenceEqual(message.Address))
            throw OwnerApiException.Unauthorized($"the message is signed by {EthAddress.ToChecksumString(signer)}, not by {EthAddress.ToChecksumString(message.Address)}");
        // Only now is the nonce spent, and only once: a concurrent replay loses this race.
        if (!_nonces.TryRemove(message.Nonce, out _))
            throw OwnerApiException.Unauthorized("unknown or already used nonce: get a fresh one from GET /api/auth/nonce");
        return sessions.Open(message.Address, message.ExpirationTime);
    }
}
