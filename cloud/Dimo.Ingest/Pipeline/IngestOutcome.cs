namespace Dimo.Ingest.Pipeline;

public enum IngestStatus
{
    /// <summary>Stored durably; acknowledge.</summary>
    Accepted,

    /// <summary>The identical batch was stored before; acknowledge, nothing stored.</summary>
    Duplicate,

    /// <summary>Refused for <see cref="IngestOutcome.Reason"/>; acknowledge so the device drops it (resending cannot help).</summary>
    Rejected,

    /// <summary>Storage is unavailable; do not acknowledge, so the device resends later.</summary>
    RetryLater,
}

/// <summary>What became of one published batch.</summary>
public readonly record struct IngestOutcome(IngestStatus Status, RejectReason? Reason = null)
{
    public static readonly IngestOutcome Accepted = new(IngestStatus.Accepted);
    public static readonly IngestOutcome Duplicate = new(IngestStatus.Duplicate);
    public static readonly IngestOutcome RetryLater = new(IngestStatus.RetryLater);

    public static IngestOutcome Rejected(RejectReason reason) => new(IngestStatus.Rejected, reason);

    public override string ToString() => Reason is { } reason ? "Rejected(" + RejectReasons.Name(reason) + ")" : Status.ToString();
}
