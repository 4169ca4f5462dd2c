namespace Dimo.Ingest.Pipeline;

/// <summary>Why the pipeline refused a batch. Each has a counter in <see cref="IngestStats"/>, named as in <see cref="RejectReasons"/>.</summary>
public enum RejectReason
{
    /// <summary>The bytes are not a valid signed batch (bad length, bad body encoding).</summary>
    Malformed,

    /// <summary>Payload or body above the wire format's limits.</summary>
    TooLarge,

    /// <summary>The signature does not recover to any address.</summary>
    BadSignature,

    /// <summary>The signature recovers to another address than the topic's.</summary>
    Forged,

    /// <summary>No minted, unrevoked device has this address.</summary>
    UnknownDevice,

    /// <summary>The device is not paired with a vehicle.</summary>
    Unpaired,

    /// <summary>Another body was already stored under this (device, boot, seq).</summary>
    Replay,

    /// <summary>A reading lies more than the allowed skew in the future.</summary>
    Future,
}
