using Dimo.Core.Crypto;

namespace Dimo.Ingest.Rewards;

/// <summary>
/// Notes what a week's batches (every stored batch with a reading timed in the week, active or not) say beyond
/// activity, and turns it into flags for operators (<see cref="WeekFlag"/>); flags change no payout:
/// <list type="bullet">
/// <item><c>vin_read_by_two_devices</c>: one VIN read by two devices in the week (a cloned or moved dongle).</item>
/// <item><c>vin_changed_without_repairing</c>: a device read more than one VIN while paired with the same vehicle.</item>
/// <item><c>constant_values_only</c>: no signal that counts for activity changed its value all week (only constant
/// signals, or the same values over and over).</item>
/// <item><c>replayed_readings</c>: batches that repeat another batch's readings exactly (same signals, times, values)
/// under new sequence numbers.</item>
/// <item><c>briefly_online</c>: a device whose readings in the week span less than <see cref="BriefOnline"/>.</item>
/// </list>
/// </summary>
public sealed class AnomalyFlags
{
    public const string VinReadByTwoDevices = "vin_read_by_two_devices";
    public const string VinChangedWithoutRepairing = "vin_changed_without_repairing";
    public const string ConstantValuesOnly = "constant_values_only";
    public const string ReplayedReadings = "replayed_readings";
    public const string BrieflyOnline = "briefly_online";

    public static readonly TimeSpan BriefOnline = TimeSpan.FromMinutes(10);

    private readonly SortedDictionary<long, VehicleNotes> _vehicles = [];
    private VehicleNotes? _vehicle;
    private DeviceNotes? _device;
    private ulong _fingerprint;

    /// <summary>Starts a batch of <paramref name="vehicleId"/> sent by <paramref name="device"/>.</summary>
    public void BeginBatch(long vehicleId, byte[] device)
    {
        if (!_vehicles.TryGetValue(vehicleId, out _vehicle))
            _vehicles.Add(vehicleId, _vehicle = new VehicleNotes());
        var address = EthAddress.ToChecksumString(device);
        if (!_vehicle.Devices.TryGetValue(address, out _device))
            _vehicle.Devices.Add(address, _device = new DeviceNotes());
        _fingerprint = 14695981039346656037UL;
    }

    /// <summary>A reading timed in the week; <paramref name="value"/> is the raw number or the text's hash.</summary>
    public void Reading(int signalId, long time, long value, bool counts)
    {
        var device = _device!;
        device.FirstMs = Math.Min(device.FirstMs, time);
        device.LastMs = Math.Max(device.LastMs, time);
        if (counts)
        {
            if (!_vehicle!.FirstValues.TryGetValue(signalId, out var first))
                _vehicle.FirstValues.Add(signalId, value);
            else if (first != value)
                _vehicle.Varies = true;
        }
        foreach (var part in (ReadOnlySpan<long>)[signalId, time, value])
            _fingerprint = (_fingerprint ^ (ulong)part) * 1099511628211UL;
    }

    public void Vin(string normalizedVin) => _device!.Vins.Add(normalizedVin);

    /// <summary>Ends the batch begun last; one with no reading in the week is not counted for replays.</summary>
    public void EndBatch(bool anyInWeek)
    {
        if (anyInWeek && !_vehicle!.Fingerprints.Add(_fingerprint))
            _vehicle.Replayed++;
        if (anyInWeek)
            _vehicle!.Batches++;
    }

    public IReadOnlyList<WeekFlag> Flags()
    {
        var readersOfVin = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var vehicle in _vehicles.Values)
        {
            foreach (var (address, device) in vehicle.Devices)
            {
                foreach (var vin in device.Vins)
                {
                    if (!readersOfVin.TryGetValue(vin, out var readers))
                        readersOfVin.Add(vin, readers = new SortedSet<string>(StringComparer.Ordinal));
                    readers.Add(address);
                }
            }
        }
        var flags = new List<WeekFlag>();
        foreach (var (id, vehicle) in _vehicles)
        {
            if (vehicle.Batches == 0)
                continue;
            var shared = vehicle.Devices.Values.SelectMany(d => d.Vins).Distinct().Where(v => readersOfVin[v].Count > 1).ToList();
            if (shared.Count > 0)
                flags.Add(new WeekFlag(id, VinReadByTwoDevices, string.Join("; ", shared.Select(v => v + " read by " + string.Join(", ", readersOfVin[v])))));
            var changed = vehicle.Devices.Where(d => d.Value.Vins.Count > 1).ToList();
            if (changed.Count > 0)
                flags.Add(new WeekFlag(id, VinChangedWithoutRepairing, string.Join("; ", changed.Select(d => d.Key + " read " + string.Join(", ", d.Value.Vins.Order(StringComparer.Ordinal))))));
            if (!vehicle.Varies)
                flags.Add(new WeekFlag(id, ConstantValuesOnly, $"no counted signal changed value in {vehicle.Batches} batches"));
            if (vehicle.Replayed > 0)
                flags.Add(new WeekFlag(id, ReplayedReadings, $"{vehicle.Replayed} of {vehicle.Batches} batches repeat another batch's readings"));
            var brief = vehicle.Devices.Where(d => d.Value.LastMs >= d.Value.FirstMs && d.Value.LastMs - d.Value.FirstMs < BriefOnline.TotalMilliseconds).ToList();
            if (brief.Count > 0)
                flags.Add(new WeekFlag(id, BrieflyOnline, string.Join("; ", brief.Select(d => $"{d.Key} online {(d.Value.LastMs - d.Value.FirstMs) / 60_000.0:0.#} min"))));
        }
        return flags;
    }

    private sealed class VehicleNotes
    {
        public SortedDictionary<string, DeviceNotes> Devices { get; } = new(StringComparer.Ordinal);
        public Dictionary<int, long> FirstValues { get; } = [];
        public HashSet<ulong> Fingerprints { get; } = [];
        public bool Varies { get; set; }
        public int Replayed { get; set; }
        public int Batches { get; set; }
    }

    private sealed class DeviceNotes
    {
        public HashSet<string> Vins { get; } = new(StringComparer.Ordinal);
        public long FirstMs { get; set; } = long.MaxValue;
        public long LastMs { get; set; } = long.MinValue;
    }
}
