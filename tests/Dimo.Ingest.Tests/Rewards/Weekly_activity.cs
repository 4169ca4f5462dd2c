using Dimo.Core.Crypto;
using Dimo.Core.Wire;
using Dimo.Ingest.Rewards;
using Dimo.Ingest.Storage;
using Dimo.Ingest.Tests.Storage;
using Dimo.Rewards.Rules;
using Dimo.Testing;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.Rewards;

public abstract class Weekly_activity(StorageBackend backend) : StorageSuite(backend)
{
    private const long Week = 150;
    private static readonly long StartMs = IssuanceWeek.Start(Week).ToUnixTimeMilliseconds();
    private static readonly long EndMs = IssuanceWeek.End(Week).ToUnixTimeMilliseconds();

    private uint _seq;

    /// <summary>Stores a signed batch of <paramref name="readings"/> as the pipeline would, under <paramref name="vehicle"/>; returns its hash.</summary>
    private async Task<string> StoreAsync(PrivateKey device, long vehicle, params Reading[] readings)
    {
        var raw = SignedBatch.Seal(new BatchWriter().WriteBody(1, ++_seq, readings), device);
        var times = readings.Select(r => r.Time).ToArray();
        var row = new StoredBatch(device.Address, vehicle, 1, _seq, times.Min(), times.Max(), readings.Length, 0, EndMs + 100_000, raw);
        Assert.Equal(StoreOutcome.Stored, await Store.StoreAsync(new BatchRecord(row, [], null)));
        return "0x" + Hex.Encode(Keccak256.Hash(raw));
    }

    private static Reading Speed(long time) => new(1, time, 42);

    private static Reading Vin(long time) => new(46, time, "1HGCM82633A004352");

    [ServerFact]
    public async Task A_vehicle_is_active_from_a_non_constant_reading_timed_inside_the_week_with_its_batches_as_the_trail()
    {
        var inside = await StoreAsync(Keys.Device, 7, Speed(StartMs), Vin(StartMs));
        var spooled = await StoreAsync(Keys.Device, 7, Speed(StartMs - 60_000), Speed(EndMs - 1));
        await StoreAsync(Keys.Device, 7, Speed(EndMs));                         // the next week's
        await StoreAsync(Keys.OtherDevice, 8, Vin(StartMs + 1_000));             // only a constant signal
        await StoreAsync(Keys.OtherDevice, 8, Speed(StartMs - 1));               // the previous week's

        var active = await WeeklyActivity.ReadAsync(Store, Week);

        var vehicle = Assert.Single(active);
        Assert.Equal(7, vehicle.VehicleId);
        Assert.Equal(Keys.Device.Address, Assert.Single(vehicle.Devices));
        Assert.Equal(new[] { inside, spooled }.Order(), vehicle.BatchHashes.Order());
        Assert.Equal(["1HGCM82633A004352"], vehicle.VinsRead);
    }

    [ServerFact]
    public async Task A_VIN_read_in_a_batch_of_constant_signals_still_attests_an_active_vehicle()
    {
        await StoreAsync(Keys.Device, 9, new Reading(46, StartMs + 5, " 1hgcm82633a004352"));
        await StoreAsync(Keys.Device, 9, Speed(StartMs + 10));

        var vehicle = Assert.Single(await WeeklyActivity.ReadAsync(Store, Week));
        Assert.Single(vehicle.BatchHashes);
        Assert.Equal(["1HGCM82633A004352"], vehicle.VinsRead);
    }

    [ServerFact]
    public async Task Two_devices_paired_with_one_vehicle_in_a_week_are_both_named()
    {
        await StoreAsync(Keys.Device, 3, Speed(StartMs + 10));
        await StoreAsync(Keys.OtherDevice, 3, Speed(StartMs + 20));
        await StoreAsync(Keys.OtherDevice, 4, Speed(StartMs + 30));

        var active = await WeeklyActivity.ReadAsync(Store, Week);

        Assert.Equal([3L, 4L], active.Select(a => a.VehicleId));
        Assert.Equal(2, active[0].Devices.Count);
        Assert.Equal(2, active[0].BatchHashes.Count);
    }

    [Fact]
    public void Only_signals_describing_the_car_count_as_constant()
    {
        Assert.True(ConstantSignals.IsConstant(Dimo.Core.Signals.SignalCatalog.ByName("vin")));
        Assert.False(ConstantSignals.IsConstant(Dimo.Core.Signals.SignalCatalog.ByName("speed")));
        Assert.All(ConstantSignals.Names, name => Assert.Equal(name, Dimo.Core.Signals.SignalCatalog.ByName(name).Name));
    }

    [Fact]
    public void The_dongles_own_status_signals_do_not_make_a_vehicle_active()
    {
        var status = Dimo.Core.Signals.SignalCatalog.All.Where(s => s.Id is >= 56 and <= 63).ToList();
        Assert.Equal(7, status.Count);
        Assert.All(status, s => Assert.True(ConstantSignals.IsConstant(s), s.Name));
    }

    public sealed class On_sqlite() : Weekly_activity(new SqliteBackend());

    [RequiresPostgres, Collection(PostgresCollection.Name)]
    public sealed class On_postgres(PostgresFixture fixture) : Weekly_activity(new PostgresBackend(fixture));
}
