using Dimo.Core.Can.Mcp2515;
using Dimo.Core.Crypto;
using Dimo.Core.Signals;
using Dimo.Core.Wire;
using Dimo.Simulator.Dongles;
using Dimo.Simulator.Mcp2515;
using Dimo.Simulator.Tests.Dongles;
using Dimo.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dimo.Simulator.Tests.Mcp2515;

public class Virtual_dongle_reads_the_car_through_the_real_driver
{
    [Fact]
    public async Task A_replayed_civic_log_and_obd_answers_become_readings_through_the_mcp2515_driver()
    {
        if (SharedFolder.PathOrNull == null)
            return; // ../shared is absent: nothing to replay.
        var table = DecoderTables.Load(RepositoryRoot.File("cloud", "Dimo.Dbc", "selections", "honda_civic_2017.json"), out _);
        var log = CandumpLog.Load(SharedFolder.File("canlogs", "honda_civic_type_r_2019_turnonanddrive.log"));
        // Host time moves only here, 10 ms a tick (300 virtual ms at 30x), so the run is the same on any machine.
        // A time after 2026: a dongle records nothing before its wall clock is set (WallClock).
        var host = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
        await using var dongle = new VirtualDongle(new VirtualDongleOptions
        {
            Mqtt = new Uri("mqtt://127.0.0.1:1"),
            Key = PrivateKey.Generate(new SeededEntropy(7)),
            Vin = VirtualDongleOptions.VinFor(7),
            BatchIntervalMilliseconds = 2000,
            TimeScale = 30,
            Time = host,
            Candump = log,
            DecoderTable = table,
            Mcp2515 = new SimulatedMcp2515(OscillatorHz: 8_000_000, BusBitRate: 500_000),
        });

        while (dongle.Clock.MonotonicMilliseconds < 50_000)
        {
            host.Advance(TimeSpan.FromMilliseconds(10));
            dongle.Tick();
        }
        dongle.Loop.Seal();

        var driver = dongle.Controller!;
        Assert.True(dongle.Builder.BitRateDetected);
        Assert.Equal(500_000, dongle.Builder.BitRate);
        Assert.False(dongle.Builder.FiltersOpened); // the selection's filters were planned with the OBD answers
        Assert.Equal(Mcp2515Mode.Normal, dongle.Chip!.Chip.Mode); // polling is on, so the chip may transmit
        Assert.True(driver.FramesReceived > 1000, $"{driver.FramesReceived} frames received, {dongle.Chip.Chip.FramesFiltered} filtered, {dongle.Chip.Chip.FramesAtWrongRate} wrong rate, {dongle.Chip.Chip.FramesOverflowed} overflowed, {driver.MessageErrors} merr, {dongle.Chip.Chip.FramesStored} stored, {dongle.FramesReplayed} replayed, {dongle.Loop.FramesDecoded} decoded, at {dongle.Clock.MonotonicMilliseconds} ms");
        Assert.True(driver.FramesSent > 0);
        Assert.Equal(0, driver.ReceiveOverflows);
        Assert.Equal(dongle.Options.Vin, dongle.Poller.VinNumber);
        var ids = Enumerable.Range(0, dongle.Spool.PendingCount)
            .Select(dongle.Spool.ReadPending)
            .SelectMany(wire => new BatchReader().ReadBody(wire, 0, wire.Length - SignedBatch.SignatureLength).Readings)
            .Select(r => (int)r.SignalId).ToHashSet();
        Assert.Contains(SignalCatalog.ByName("powertrainCombustionEngineSpeed").Id, ids);
        Assert.True(ids.Count >= 10, "readings of " + string.Join(",", ids));
    }
}
