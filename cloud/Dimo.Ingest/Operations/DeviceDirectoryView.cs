using Dimo.Core.Crypto;
using Dimo.Ingest.Pipeline;
using Dimo.Ingest.Storage.Sql;

namespace Dimo.Ingest.Operations;

/// <summary>
/// The devices view, paged on the server: every minted device (address, node, VIN of its vehicle) from the registry,
/// joined with what the ingestor saw of it (<see cref="IngestActivity"/>), searched, sorted and cut to one page. The
/// registry list is read at most every <see cref="RegistryRefresh"/> (100,000 devices load in well under a second) and
/// sorting 100,000 rows in memory takes tens of milliseconds, so a page costs no per-device query. The first request
/// also reads, once, what storage knew of each device before this process started (last batch, batches today).
/// </summary>
public sealed class DeviceDirectoryView(SqlDatabase database, IngestActivity activity, TimeProvider clock)
{
    public static readonly TimeSpan RegistryRefresh = TimeSpan.FromSeconds(5);

    public const int MaxLimit = 500;

    public static readonly IReadOnlyList<string> SortKeys = ["device", "node", "vin", "lastSeen", "batchesToday", "lastReject"];

    private readonly long _startedMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
    private readonly SemaphoreSlim _loading = new(1, 1);
    private RegistryDevice[] _registry = [];
    private long _loadedMs = -1;
    private bool _seeded;

    private sealed record RegistryDevice(string Device, long Node, string? Vin, bool Revoked);

    public async Task<DevicePage> PageAsync(string? search, string? sort, bool descending, int offset, int limit, CancellationToken cancellationToken)
    {
        sort ??= "device";
        if (!SortKeys.Contains(sort))
            throw new ArgumentException("sort must be one of " + string.Join(", ", SortKeys));
        if (offset < 0 || limit < 1 || limit > MaxLimit)
            throw new ArgumentException($"offset must be >= 0 and limit between 1 and {MaxLimit}");
        var devices = await DevicesAsync(cancellationToken);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        IEnumerable<DeviceRow> rows = devices.Select(d => Row(d, now));
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            rows = rows.Where(r => r.Device.Contains(term, StringComparison.OrdinalIgnoreCase)
                                   || (r.Vin?.Contains(term, StringComparison.OrdinalIgnoreCase) ?? false)
                                   || r.Node.ToString() == term
                                   || (r.LastReject?.Equals(term, StringComparison.OrdinalIgnoreCase) ?? false));
        }
        var matching = rows.ToList();
        Comparison<DeviceRow> compare = sort switch
        {
            "node" => (a, b) => a.Node.CompareTo(b.Node),
            "vin" => (a, b) => string.CompareOrdinal(a.Vin, b.Vin),
            "lastSeen" => (a, b) => (a.LastSeenMs ?? -1).CompareTo(b.LastSeenMs ?? -1),
            "batchesToday" => (a, b) => a.BatchesToday.CompareTo(b.BatchesToday),
            "lastReject" => (a, b) => (a.LastRejectMs ?? -1).CompareTo(b.LastRejectMs ?? -1),
            _ => (a, b) => string.CompareOrdinal(a.Device, b.Device),
        };
        // Ties break by address, so pages are stable while the figures move.
        matching.Sort((a, b) =>
        {
            var order = compare(a, b);
            if (order == 0)
                order = string.CompareOrdinal(a.Device, b.Device);
            return descending ? -order : order;
        });
        var page = matching.Skip(offset).Take(limit).ToList();
        return new DevicePage(matching.Count, offset, limit, sort, descending, page);
    }

    private DeviceRow Row(RegistryDevice device, long now)
    {
        var seen = activity.Find(device.Device);
        var lastSeen = seen?.LastSeenMs;
        return new DeviceRow(device.Device, device.Node, device.Vin, device.Revoked, lastSeen is > 0 ? lastSeen : null, seen?.BatchesOn(now) ?? 0,
            seen?.LastReject is { } reason ? RejectReasons.Name(reason) : null, seen?.LastReject != null ? seen.LastRejectMs : null);
    }

    private async Task<RegistryDevice[]> DevicesAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var loaded = Volatile.Read(ref _loadedMs);
        if (loaded >= 0 && now - loaded < RegistryRefresh.TotalMilliseconds)
            return _registry;
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_loadedMs >= 0 && now - _loadedMs < RegistryRefresh.TotalMilliseconds)
                return _registry;
            if (!_seeded)
            {
                await SeedFromStorageAsync(now, cancellationToken);
                _seeded = true;
            }
            _registry = (await database.RunAsync(connection => SqlCommands.QueryAsync(connection,
                "SELECT d.address, d.node, v.vin, d.revoked_ms FROM devices d LEFT JOIN vehicles v ON v.node = d.vehicle_node",
                r => new RegistryDevice(EthAddress.ToLowerString((byte[])r.GetValue(0)), r.GetInt64(1), SqlCommands.NullableString(r, 2), !r.IsDBNull(3)),
                cancellationToken), cancellationToken)).ToArray();
            Volatile.Write(ref _loadedMs, now);
            return _registry;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Batches stored before this process started: the live counts only cover what it accepted itself.</summary>
    private async Task SeedFromStorageAsync(long now, CancellationToken cancellationToken)
    {
        var dayStart = now - now % 86_400_000;
        var before = await database.RunAsync(connection => SqlCommands.QueryAsync(connection,
            "SELECT device, MAX(received_ms), SUM(CASE WHEN received_ms >= @day THEN 1 ELSE 0 END) FROM batches WHERE received_ms < @started GROUP BY device",
            r => (Device: EthAddress.ToLowerString((byte[])r.GetValue(0)), LastSeen: Convert.ToInt64(r.GetValue(1)), Today: Convert.ToInt32(r.GetValue(2))),
            cancellationToken, ("@day", dayStart), ("@started", _startedMs)), cancellationToken);
        foreach (var (device, lastSeen, today) in before)
            activity.Device(device).Seed(lastSeen, today, now);
    }
}
