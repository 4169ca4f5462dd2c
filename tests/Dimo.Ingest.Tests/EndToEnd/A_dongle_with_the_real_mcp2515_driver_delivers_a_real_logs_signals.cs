using Dimo.Core.Can;
using Dimo.Core.Crypto;
using Dimo.Core.Signals;
using Dimo.Dbc.Compilation;
using Dimo.Simulator.Dongles;
using Dimo.Simulator.Mcp2515;
using Dimo.Simulator.Provisioning;
using Dimo.Testing;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.EndToEnd;

/// <summary>
/// The whole path with the firmware's CAN code: a recorded Civic drive on the simulated bus, a register-level
/// MCP2515, the core's driver (rate detection, filters, INT receive) wired by the core's DongleBuilder, decoding,
/// signing, MQTT, and the ingestor's store.
/// </summary>
public sealed class A_dongle_with_the_real_mcp2515_driver_delivers_a_real_logs_signals
{
    [Fact]
    public async Task Signals_only_the_can_log_carries_are_stored_for_the_paired_vehicle()
    {
        if (SharedFolder.PathOrNull == null)
            return; // ../shared is absent: no recording to replay.
        string selectionPath = RepositoryRoot.File("cloud", "Dimo.Dbc", "selections", "honda_civic_2017.json");
        var table = DecoderTables.Load(selectionPath, out _);
        var log = CandumpLog.Load(SharedFolder.File("canlogs", "honda_civic_type_r_2019_turnonanddrive.log"));
        await using var ingest = await EmbeddedIngest.StartAsync();
        var key = PrivateKey.FromBytes(Enumerable.Repeat((byte)0x5C, 32).ToArray());
        await using var dongle = new VirtualDongle(new VirtualDongleOptions
        {
            Mqtt = new Uri("mqtt://127.0.0.1:" + ingest.Host.MqttPort),
            Key = key,
            Vin = VirtualDongleOptions.VinFor(12),
            BatchIntervalMilliseconds = 1000,
            TimeScale = 20,
            Candump = log,
            DecoderTable = table,
            Mcp2515 = new SimulatedMcp2515(OscillatorHz: 16_000_000, BusBitRate: 500_000),
        });
        var node = await new RegistryClient(ingest.Http).ProvisionAsync(key, Keys.Owner, dongle.Options.Vin, CancellationToken.None);
        var fleet = new VirtualFleet([dongle]);
        await fleet.ConnectAllAsync(CancellationToken.None);

        // 40 virtual seconds take the drive past its pause into motion (steering, wheel speeds, pedals).
        Assert.True(await fleet.RunUntilAsync(() => dongle.Clock.MonotonicMilliseconds > 40_000 && dongle.Loop.BatchesAcknowledged >= 5, TimeSpan.FromSeconds(60)),
            $"{dongle.Loop.BatchesAcknowledged} batches acknowledged at {dongle.Clock.MonotonicMilliseconds} ms");
        Assert.True(await fleet.DrainAsync(TimeSpan.FromSeconds(10)), fleet.Pending + " batches never acknowledged");

        var stored = (await ingest.Host.Store.GetLatestValuesAsync(node.VehicleNode)).Select(v => v.SignalId).ToHashSet();
        var canOnly = new[] { "chassisSteeringWheelAngle", "chassisAxleRow1WheelLeftSpeed", "chassisAxleRow2WheelRightSpeed" };
        foreach (string name in canOnly)
            Assert.Contains(SignalCatalog.ByName(name)!.Id, stored);
        var selection = DbcSelection.Load(selectionPath);
        int fromSelection = selection.Signals.Values.Select(n => (int)SignalCatalog.ByName(n)!.Id).Count(stored.Contains);
        Assert.True(fromSelection >= 10, $"{fromSelection} of the selection's signals stored");
        Assert.True(dongle.Builder.BitRateDetected);
        Assert.Equal(0, dongle.Controller!.ReceiveOverflows);
        Assert.Equal(fleet.Readings, (await ingest.Host.Store.GetCountsAsync()).Readings);
    }
}
