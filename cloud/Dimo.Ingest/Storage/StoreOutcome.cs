namespace Dimo.Ingest.Storage;

public enum StoreOutcome
{
    /// <summary>New (device, boot, seq): stored.</summary>
    Stored,

    /// <summary>The identical bytes were already stored (a device resend): nothing written.</summary>
    Duplicate,

    /// <summary>The same (device, boot, seq) is stored with different bytes: a replay, nothing written.</summary>
    Conflict,
}
