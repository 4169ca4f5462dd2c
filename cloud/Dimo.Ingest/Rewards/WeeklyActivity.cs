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
    /// <param name="notes">When given, also notes every batch with a reading in the week for the week's anomaly flags.</param>
    public static async Task<IReadOnlyList<VehicleActivity>> ReadAsync(IBatchStore store, long week, CancellationToken cancellationToken = default, AnomalyFlags? notes = null)
    {
        var fromMs = IssuanceWeek.Start(week).ToUnixTimeMilliseconds();
        var toMs = IssuanceWeek.End(week).ToUnixTimeMilliseconds();
        var vehicles = new List<VehicleActivity>();
        var reader = new BatchReader();
        var sink = new ActivitySink(fromMs, toMs) { Notes = notes };
        Accumulator? current = null;
        await store.VisitBatchesReadBetweenAsync(fromMs, toMs, batch =>
        {
            var signed = SignedBatch.Split(batch.Raw, 0, batch.Raw.Length);
            sink.Reset();
            notes?.BeginBatch(batch.VehicleId, batch.Device);
            reader.ReadBody(signed.Body, 0, signed.Body.Length, sink);
            notes?.EndBatch(sink.AnyInWeek);
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

    /// <summary>Whether a signed wire batch makes its vehicle active in <paramref name="week"/> (a non-constant reading timed inside it).</summary>
    public static bool MakesActive(byte[] raw, long week)
    {
        var signed = SignedBatch.Split(raw, 0, raw.Length);
        var sink = new ActivitySink(IssuanceWeek.Start(week).ToUnixTimeMilliseconds(), IssuanceWeek.End(week).ToUnixTimeMilliseconds());
        new BatchReader().ReadBody(signed.Body, 0, signed.Body.Length, sink);
        return sink.Active;
    }

    /// <summary>
    /// The batches holding a reading timed inside <paramref name="week"/> that arrived after <paramref name="computedMs"/>
    /// (when the week was computed) and are not in its audit trail (<paramref name="counted"/>): late, so never counted in it.
    /// </summary>
    public static async Task<IReadOnlyList<LateBatch>> LateAsync(IBatchStore store, long week, long computedMs, IEnumerable<string> counted,
        CancellationToken cancellationToken = default)
    {
        var fromMs = IssuanceWeek.Start(week).ToUnixTimeMilliseconds();
        var toMs = IssuanceWeek.End(week).ToUnixTimeMilliseconds();
        var known = counted.ToHashSet(StringComparer.Ordinal);
        var late = new List<LateBatch>();
        var reader = new BatchReader();
        var sink = new ActivitySink(fromMs, toMs);
        await store.VisitBatchesReadBetweenAsync(fromMs, toMs, batch =>
        {
            if (batch.ReceivedMs <= computedMs)
                return;
            var signed = SignedBatch.Split(batch.Raw, 0, batch.Raw.Length);
            sink.Reset();
            reader.ReadBody(signed.Body, 0, signed.Body.Length, sink);
            var hash = OwnerViews.BatchHash(batch);
            if (sink.AnyInWeek && !known.Contains(hash))
                late.Add(new LateBatch(batch.VehicleId, hash, batch.ReceivedMs));
        }, cancellationToken);
        return late;
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

        /// <summary>Any reading, constant or not, timed inside the week.</summary>
        public bool AnyInWeek { get; private set; }

        public HashSet<string> Vins { get; } = new(StringComparer.Ordinal);

        public void Reset()
        {
            Active = false;
            AnyInWeek = false;
            Vins.Clear();
        }

        public void Begin(uint bootId, uint seq, long baseTime)
        {
        }

        public AnomalyFlags? Notes { get; init; }

        public void Number(SignalInfo signal, long time, long raw)
        {
            Note(signal, time);
            if (time >= fromMs && time < toMs)
                Notes?.Reading(signal.Id, time, raw, !ConstantSignals.IsConstant(signal));
        }

        public void Text(SignalInfo signal, long time, byte[] utf8, int offset, int count)
        {
            Note(signal, time);
            if (time < fromMs || time >= toMs)
                return;
            if (Notes != null)
            {
                // Text values enter the replay fingerprint and the change check by a hash of their bytes.
                long hash = unchecked((long)14695981039346656037UL);
                for (var i = offset; i < offset + count; i++)
                    hash = unchecked((hash ^ utf8[i]) * 1099511628211L);
                Notes.Reading(signal.Id, time, hash, !ConstantSignals.IsConstant(signal));
            }
            if (signal.Name == "vin")
            {
                var vin = VinInput.Normalize(Encoding.UTF8.GetString(utf8, offset, count));
                Vins.Add(vin);
                Notes?.Vin(vin);
            }
        }

        private void Note(SignalInfo signal, long time)
        {
            if (time < fromMs || time >= toMs)
                return;
            AnyInWeek = true;
            if (!ConstantSignals.IsConstant(signal))
                Active = true;
        }
    }
}
