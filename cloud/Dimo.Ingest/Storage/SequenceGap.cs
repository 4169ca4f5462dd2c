namespace Dimo.Ingest.Storage;

/// <summary>Sequence numbers (AfterSequence, BeforeSequence) exclusive were missing when BeforeSequence arrived.</summary>
public sealed record SequenceGap(long Boot, long AfterSequence, long BeforeSequence, long DetectedMs)
{
    public long Missing => BeforeSequence - AfterSequence - 1;
}
