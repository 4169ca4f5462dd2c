using Dimo.Core.Signals;
using Dimo.Core.Wire;
using Dimo.Ingest.Owners.Http;
using Dimo.Ingest.Storage;
using Dimo.Rewards.Rules;

namespace Dimo.Ingest.Rewards;

/// <summary>
/// Which vehicles were active in an issuance week, from verified data only: a vehicle is active when a device paired
/// with it (the pairing the batch was stored under) delivered at least one stored batch (every stored batch passed
/// signature verification) holding a reading timed inside the week (reading time, not arrival) of a signal that is not
/// constant (<see cref="ConstantSignals"/>). Every such batch's hash is kept as the audit trail.
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
        (long Id, List<byte[]> Devices, List<string> Hashes)? current = null;
        await store.VisitBatchesReadBetweenAsync(fromMs, toMs, batch =>
        {
            var signed = SignedBatch.Split(batch.Raw, 0, batch.Raw.Length);
            sink.Reset();
            reader.ReadBody(signed.Body, 0, signed.Body.Length, sink);
            if (!sink.Active)
                return;
            if (current?.Id != batch.VehicleId)
            {
                Flush();
                current = (batch.VehicleId, [], []);
            }
            var (_, devices, hashes) = current.Value;
            if (!devices.Any(d => d.AsSpan().SequenceEqual(batch.Device)))
                devices.Add(batch.Device);
            hashes.Add(OwnerViews.BatchHash(batch));
        }, cancellationToken);
        Flush();
        return vehicles;

        void Flush()
        {
            if (current is { } done)
                vehicles.Add(new VehicleActivity(done.Id, done.Devices, done.Hashes));
            current = null;
        }
    }

    /// <summary>Notes whether any reading of a non-constant signal falls in [from, to).</summary>
    private sealed class ActivitySink(long fromMs, long toMs) : IReadingSink
    {
        public bool Active { get; private set; }

        public void Reset() => Active = false;

        public void Begin(uint bootId, uint seq, long baseTime)
        {
        }

        public void Number(SignalInfo signal, long time, long raw) => Note(signal, time);

        public void Text(SignalInfo signal, long time, byte[] utf8, int offset, int count) => Note(signal, time);

        private void Note(SignalInfo signal, long time)
        {
            if (time >= fromMs && time < toMs && !ConstantSignals.IsConstant(signal))
                Active = true;
        }
    }
}
