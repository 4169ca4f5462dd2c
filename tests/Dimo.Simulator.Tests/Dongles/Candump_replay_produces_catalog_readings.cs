using Dimo.Core.Crypto;
using Dimo.Core.Signals;
using Dimo.Core.Wire;
using Dimo.Dbc.Compilation;
using Dimo.Simulator.Dongles;
using Dimo.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dimo.Simulator.Tests.Dongles;

public class Candump_replay_produces_catalog_readings
{
    [SharedFolderFact]
    public async Task A_replayed_civic_log_yields_readings_of_the_signals_its_selection_maps()
    {
        var selection = DbcSelection.Load(RepositoryRoot.File("cloud", "Dimo.Dbc", "selections", "honda_civic_2017.json"));
        var table = DecoderTables.Load(RepositoryRoot.File("cloud", "Dimo.Dbc", "selections", "honda_civic_2017.json"), out bool mapsSignals);
        Assert.True(mapsSignals);
        var log = CandumpLog.Load(SharedFolder.File("canlogs", "honda_civic_type_r_2019_turnonanddrive.log"));
        // Not connected: batches stay in the spool, where the test reads them.
        // Host time moves only here, 10 ms a tick (300 virtual ms at 30x), so the run is the same on any machine.
        // A time after 2026: a dongle records nothing before its wall clock is set (WallClock).
        var host = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
        await using var dongle = new VirtualDongle(new VirtualDongleOptions
        {
            Mqtt = new Uri("mqtt://127.0.0.1:1"),
            Key = PrivateKey.Generate(new SeededEntropy(5)),
            Vin = VirtualDongleOptions.VinFor(5),
            BatchIntervalMilliseconds = 2000,
            TimeScale = 30,
            Time = host,
            Candump = log,
            DecoderTable = table,
        });

        // 50 s of the log (it has 10 s pauses) at 30x.
        while (dongle.Clock.MonotonicMilliseconds < 50_000)
        {
            host.Advance(TimeSpan.FromMilliseconds(10));
            dongle.Tick();
        }
        dongle.Loop.Seal();

        Assert.True(dongle.FramesReplayed > 5000, $"{dongle.FramesReplayed} frames replayed in {dongle.Clock.MonotonicMilliseconds} ms");
        Assert.True(dongle.Loop.FramesDecoded > 1000);
        var ids = Enumerable.Range(0, dongle.Spool.PendingCount)
            .Select(dongle.Spool.ReadPending)
            .SelectMany(wire => new BatchReader().ReadBody(wire, 0, wire.Length - SignedBatch.SignatureLength).Readings)
            .Select(r => (int)r.SignalId).ToHashSet();
        var mapped = selection.Signals.Values.Select(SignalCatalog.ByName).OfType<SignalInfo>().Select(s => (int)s.Id).ToHashSet();
        Assert.Contains(SignalCatalog.ByName("powertrainCombustionEngineSpeed").Id, ids);
        Assert.True(ids.Count(mapped.Contains) >= 10, "readings of " + string.Join(",", ids));
    }
}
