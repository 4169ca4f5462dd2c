using Dimo.Ingest.Registry;

namespace Dimo.Ingest.Pipeline;

/// <summary>A batch whose body parsed and whose signature recovered to the topic's address.</summary>
internal sealed record SignedByTopic(string DeviceKey, byte[] Address, BatchFacts Facts, byte[] Raw);

/// <summary>A <see cref="SignedByTopic"/> batch whose device is registered and paired.</summary>
internal sealed record VerifiedBatch(SignedByTopic Signed, DeviceRecord Device)
{
    public string DeviceKey => Signed.DeviceKey;

    public byte[] Address => Signed.Address;

    public BatchFacts Facts => Signed.Facts;

    public byte[] Raw => Signed.Raw;
}

/// <summary>Why a check refused a batch, with a detail for the log.</summary>
internal sealed record Rejection(RejectReason Reason, string Detail);
