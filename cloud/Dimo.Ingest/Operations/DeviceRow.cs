namespace Dimo.Ingest.Operations;

/// <summary>One line of the operator's devices view.</summary>
public sealed record DeviceRow(
    string Device,
    long Node,
    string? Vin,
    bool Revoked,
    long? LastSeenMs,
    int BatchesToday,
    string? LastReject,
    long? LastRejectMs);

/// <summary>One page of the devices view, with the number of devices matching the search.</summary>
public sealed record DevicePage(int Total, int Offset, int Limit, string Sort, bool Descending, IReadOnlyList<DeviceRow> Rows);
