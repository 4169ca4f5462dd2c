using Dimo.Core.Signals;
using Dimo.Core.Wire;
using System.Text;
using Dimo.Ingest.Owners.Http;
using Dimo.Ingest.Registry;
using Dimo.Ingest.Storage;
using Dimo.Rewards.Rules;

namespace Dimo.Ingest.Rewards;

/// <summary>
/// Which vehicles were active in an issuance week, from verified data only: a vehicle is active when a device paired
/// with it (the pairing the batch was stored under) delivered at least one stored batch (every stored batch passed
/// signature verification) holding a reading timed inside the week (reading time, not arrival) of a signal that is not
/// constant (<see cref="ConstantSignals"/>). Every such batch's hash is kept as the audit trail, and every VIN read
/// timed inside the week (from any of the vehicle's batches) for the VIN attestation.
/// </summary>
public static class WeeklyActivity
{
    public static async Task<IReadOnlyList<VehicleActivity>> ReadAsync(IBatchStore store, long week, CancellationToken cancellationToken = default)
    {
        var fromMs = IssuanceWeek.Start(week).ToUnixTimeMilliseconds();
        var toMs = IssuanceWeek.End(week).ToUnixTimeMilliseconds();
        var vehicles = new List<VehicleActivity>();
        var reader = new BatchReader();
        var sink = new ActivitySink(fromMs, toMs);
        Accumulator? current = null;
        await store.VisitBatchesReadBetweenAsync(fromMs, toMs, batch =>
        {
            var signed = SignedBatch.Split(batch.Raw, 0, batch.Raw.Length);
            sink.Reset();
            reader.ReadBody(signed.Body, 0, signed.Body.Length, sink);
            if (current?.VehicleId != batch.VehicleId)
            {
                Flush();
                current = new Accumulator(batch.VehicleId);
            }
            // A VIN read counts for attestation even from a batch that holds nothing else.
            current.Vins.UnionWith(sink.Vins);
            if (!sink.Active)
                return;
            if (!current.Devices.Any(d => d.AsSpan().SequenceEqual(batch.Device)))
                current.Devices.Add(batch.Device);
            current.Hashes.Add(OwnerViews.BatchHash(batch));
        }, cancellationToken);
        Flush();
        return vehicles;

        void Flush()
        {
            if (current is { Hashes.Count: > 0 } done)
                vehicles.Add(new VehicleActivity(done.VehicleId, done.Devices, done.Hashes, done.Vins));
            current = null;
        }
    }

    private sealed class Accumulator(long vehicleId)
    {
        public long VehicleId { get; } = vehicleId;
        public List<byte[]> Devices { get; } = [];
        public List<string> Hashes { get; } = [];
        public HashSet<string> Vins { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>Notes whether any reading of a non-constant signal falls in [from, to), and the VINs read in it.</summary>
    private sealed class ActivitySink(long fromMs, long toMs) : IReadingSink
    {
        public bool Active { get; private set; }

        public HashSet<string> Vins { get; } = new(StringComparer.Ordinal);

        public void Reset()
        {
            Active = false;
            Vins.Clear();
        }

        public void Begin(uint bootId, uint seq, long baseTime)
        {
        }

        public void Number(SignalInfo signal, long time, long raw) => Note(signal, time);

        public void Text(SignalInfo signal, long time, byte[] utf8, int offset, int count)
        {
            Note(signal, time);
            if (signal.Name == "vin" && time >= fromMs && time < toMs)
                Vins.Add(VinInput.Normalize(Encoding.UTF8.GetString(utf8, offset, count)));
        }

        private void Note(SignalInfo signal, long time)
        {
            if (time >= fromMs && time < toMs && !ConstantSignals.IsConstant(signal))
                Active = true;
        }
    }
}
