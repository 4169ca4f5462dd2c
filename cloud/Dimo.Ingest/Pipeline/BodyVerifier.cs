using Dimo.Core.Crypto;
using Dimo.Core.Wire;
using Dimo.Verification.Recovery;

namespace Dimo.Ingest.Pipeline;

/// <summary>
/// The stateless checks of one payload: size, canonical body (decoded into a reused <see cref="BatchSummary"/>, no
/// object per reading), and a signature that recovers to the topic's address. Hashes and decodes the one copy of
/// the payload in place. Not thread-safe: each verification worker owns one.
/// </summary>
internal sealed class BodyVerifier(ISignatureRecovery recovery, TimeProvider clock, TimeSpan staleAfter)
{
    /// <summary>Largest payload worth reading: a maximal body and its signature.</summary>
    public const int MaxPayloadLength = WireFormat.MaxBodyLength + SignedBatch.SignatureLength;

    private readonly BatchReader _reader = new();
    private readonly BatchSummary _summary = new();
    private readonly long _staleAfterMs = (long)staleAfter.TotalMilliseconds;

    public (SignedByTopic? Signed, Rejection? Rejection) Verify(string deviceKey, ReadOnlyMemory<byte> payload)
    {
        if (payload.Length > MaxPayloadLength)
            return Refuse(RejectReason.TooLarge, payload.Length + " bytes");
        if (payload.Length < SignedBatch.SignatureLength)
            return Refuse(RejectReason.Malformed, payload.Length + " bytes cannot hold a 65-byte signature");

        // The one copy: the bytes that are stored and served as the device signed them.
        var raw = payload.ToArray();
        var bodyLength = raw.Length - SignedBatch.SignatureLength;
        try
        {
            _summary.StaleBefore = clock.GetUtcNow().ToUnixTimeMilliseconds() - _staleAfterMs;
            _reader.ReadBody(raw, 0, bodyLength, _summary);
        }
        catch (BatchFormatException e)
        {
            return Refuse(e.Reason == BatchFormatError.TooLarge ? RejectReason.TooLarge : RejectReason.Malformed, e.Message);
        }

        var recovered = new byte[EthAddress.Length];
        if (!recovery.TryRecoverAddress(Eip191.Hash(raw, 0, bodyLength), raw.AsSpan(bodyLength), recovered))
            return Refuse(RejectReason.BadSignature, "signature recovers no key");
        byte[] topic;
        try
        {
            topic = EthAddress.Parse(deviceKey);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return Refuse(RejectReason.Forged, "topic names no address");
        }
        if (!topic.AsSpan().SequenceEqual(recovered))
            return Refuse(RejectReason.Forged, "signed by " + EthAddress.ToLowerString(recovered));

        return (new SignedByTopic(deviceKey, recovered, BatchFacts.From(_summary), raw), null);
    }

    private static (SignedByTopic?, Rejection?) Refuse(RejectReason reason, string detail) => (null, new Rejection(reason, detail));
}
