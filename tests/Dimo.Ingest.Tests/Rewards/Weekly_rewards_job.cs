using Dimo.Core.Crypto;
using Dimo.Core.Wire;
using Dimo.Ingest.Registry;
using Dimo.Ingest.Rewards;
using Dimo.Ingest.Storage;
using Dimo.Ingest.Tests.Storage;
using Dimo.Rewards.Engine;
using Dimo.Rewards.Rules;
using Dimo.Rewards.WhatIf;
using Dimo.Testing;

namespace Dimo.Ingest.Tests.Rewards;

public abstract class Weekly_rewards_job(StorageBackend backend) : StorageSuite(backend)
{
    private const long Week = 150;
    private const string Vin = "1HGCM82633A004352";
    private static readonly DateTimeOffset Later = IssuanceWeek.End(Week + 10);
    private static readonly PrivateKey Manufacturer = Key(0x01), OwnerA = Key(0x02), OwnerB = Key(0x03), DeviceA = Key(0x04), DeviceB = Key(0x05), DeviceC = Key(0x06);
    private static readonly DateTimeOffset StakeEnds = IssuanceWeek.End(Week + 1) + TimeSpan.FromHours(1);

    private SqlRegistryStore _registry = null!;
    private SqlRewardStore _rewards = null!;
    private uint _seq;

    private static PrivateKey Key(byte tag)
    {
        var bytes = new byte[32];
        bytes[31] = tag;
        bytes[0] = 0x11;
        return PrivateKey.FromBytes(bytes);
    }

    private WeeklyRewardsJob Job() => new(Store, _registry, _rewards, WeeklyRewardsJob.DefaultRules);

    /// <summary>Mints and claims a device, registers a vehicle with <paramref name="vin"/>, pairs them; returns the vehicle's node.</summary>
    private async Task<long> VehicleAsync(PrivateKey device, PrivateKey owner, string vin)
    {
        var minted = await _registry.MintDeviceAsync(device.Address, Manufacturer.Address, 0);
        await _registry.SetDeviceOwnerAsync(minted.Node, owner.Address);
        var vehicle = await _registry.CreateVehicleAsync(vin, owner.Address, 0);
        await _registry.SetPairingAsync(minted.Node, vehicle.Node);
        return vehicle.Node;
    }

    /// <summary>A batch in <paramref name="week"/> holding a speed reading and the VIN the device read from the car.</summary>
    private async Task DriveAsync(PrivateKey device, long vehicle, long week, string vinRead)
    {
        var t = IssuanceWeek.Start(week).ToUnixTimeMilliseconds() + 3_600_000;
        var raw = SignedBatch.Seal(new BatchWriter().WriteBody(1, ++_seq, [new Reading(1, t, 50), new Reading(46, t, vinRead)]), device);
        var row = new StoredBatch(device.Address, vehicle, 1, _seq, t, t, 2, 0, t + 1000, raw);
        Assert.Equal(StoreOutcome.Stored, await Store.StoreAsync(new BatchRecord(row, [], null)));
    }

    /// <summary>
    /// A: weeks 150-152, staked until just after week 151; B (same VIN, higher id): week 151; C: reads another car's VIN.
    /// Returns the ids and the same history as a what-if scenario.
    /// </summary>
    private async Task<(long A, long B, long C, string Scenario)> FleetAsync()
    {
        _registry = await SqlRegistryStore.OpenAsync(Store.Database);
        _rewards = await SqlRewardStore.OpenAsync(Store.Database);
        await _registry.EnsureManufacturerAsync(Manufacturer.Address, "Acme", 0);
        var a = await VehicleAsync(DeviceA, OwnerA, Vin);
        var b = await VehicleAsync(DeviceB, OwnerB, Vin);
        var c = await VehicleAsync(DeviceC, OwnerB, "WVWZZZ1JZXW000001");
        await _registry.SetStakeAsync(a, 1000, StakeEnds.ToUnixTimeMilliseconds());
        for (var w = Week; w <= Week + 2; w++)
            await DriveAsync(DeviceA, a, w, Vin);
        await DriveAsync(DeviceB, b, Week + 1, Vin);
        await DriveAsync(DeviceC, c, Week + 1, Vin);
        string Owner(PrivateKey k) => EthAddress.ToChecksumString(k.Address);
        var scenario = $$$"""
            {"week": {{{Week + 1}}}, "deviceTypePoints": {"dimo-esp32": 6000}, "vehicles": [
              {"id": {{{a}}}, "vin": "{{{Vin}}}", "owner": "{{{Owner(OwnerA)}}}", "device": {"type": "dimo-esp32", "owner": "{{{Owner(OwnerA)}}}"},
               "activeWeeks": [[{{{Week}}}, {{{Week + 2}}}]], "stake": {"points": 1000, "endsAt": "{{{StakeEnds:yyyy-MM-ddTHH:mm:ssZ}}}"}},
              {"id": {{{b}}}, "vin": "{{{Vin}}}", "owner": "{{{Owner(OwnerB)}}}", "device": {"type": "dimo-esp32", "owner": "{{{Owner(OwnerB)}}}"}, "activeWeeks": [{{{Week + 1}}}]},
              {"id": {{{c}}}, "vin": null, "owner": "{{{Owner(OwnerB)}}}", "device": {"type": "dimo-esp32", "owner": "{{{Owner(OwnerB)}}}"}, "activeWeeks": [{{{Week + 1}}}]}]}
            """;
        return (a, b, c, scenario);
    }

    [ServerFact]
    public async Task Stored_weeks_equal_the_what_if_of_the_same_history()
    {
        var (a, b, c, scenario) = await FleetAsync();
        var first = await Job().RunAsync(Week, Later);
        var stored = await Job().RunAsync(Week + 1, Later);

        var whatIf = WhatIfReplay.Run(ScenarioReader.Parse(scenario, null), trace: false);
        Assert.Equal(WeiFormat.Wei(whatIf.Week.DistributedWei), WeiFormat.Wei(stored.DistributedWei));
        Assert.Equal((whatIf.Week.TotalPoints, whatIf.Week.LimitWei), (stored.TotalPoints, stored.LimitWei));
        Assert.Equal(whatIf.Week.Rows.OrderBy(r => r.VehicleId), stored.Rows);
        Assert.Equal(whatIf.Week.Checks.OrderBy(x => x.VehicleId), stored.Checks);
        // The rules at work: A earns with its stake in the first week; in the second B takes the VIN (highest id), so
        // A's row is a missed week carrying its streak, and C read another car's VIN.
        var firstA = Assert.Single(first.Rows);
        Assert.Equal((a, true, 1, 1000L), (firstA.VehicleId, firstA.Connected, firstA.State.StreakWeeks, firstA.StakePoints));
        Assert.Equal([Eligibility.VinAlreadyUsed, Eligibility.Ok, Eligibility.NoVinAttestation], stored.Checks.Select(x => x.Reason));
        var rowA = stored.Rows.Single(r => r.VehicleId == a);
        Assert.Equal((false, new StreakState(1, 1)), (rowA.Connected, rowA.State));
        Assert.Equal(EthAddress.ToChecksumString(OwnerB.Address), stored.Rows.Single(r => r.VehicleId == b).Recipient);
        Assert.Equal(3, stored.BatchHashes.Count);

        // Claims: the what-if's payouts, summed per recipient, under the same root; every stored proof is the tree's.
        Assert.Equal(WeekClaims.Of(whatIf.Week.Rows).Root, stored.Claims.Root);
        Assert.Equal(stored.DistributedWei, stored.Claims.Claims.Aggregate(UInt128.Zero, (sum, c) => sum + c.AmountWei));
        var tree = new PayoutTree(stored.Claims.Claims.Select(c => (EthAddress.Parse(c.Recipient), c.AmountWei)).ToList());
        Assert.Equal(stored.Claims.Root, "0x" + Hex.Encode(tree.Root));
        for (var i = 0; i < stored.Claims.Claims.Count; i++)
            Assert.Equal(tree.ProofOf(i).Select(p => "0x" + Hex.Encode(p)), stored.Claims.Claims[i].Proof);
    }

    [ServerFact]
    public async Task Rerunning_a_computed_week_gives_the_stored_result_even_after_late_batches()
    {
        var (a, _, _, _) = await FleetAsync();
        var first = await Job().RunAsync(Week, Later);
        await DriveAsync(DeviceC, 3, Week, Vin);   // arrives after the week was computed

        var again = await Job().RunAsync(Week, Later.AddDays(30));

        Assert.Equal(first.ComputedMs, again.ComputedMs);
        Assert.Equal(first.Rows, again.Rows);
        Assert.Equal(first.Checks, again.Checks);
        Assert.NotNull(first.Claims.Root);
        Assert.Equal(first.Claims.Root, again.Claims.Root);
        Assert.Equal([a], again.BatchHashes.Keys);
        Assert.Single(first.Rows);
    }

    [ServerFact]
    public async Task An_unfinished_week_and_a_week_out_of_order_are_refused_with_what_to_do()
    {
        await FleetAsync();
        var withinGrace = IssuanceWeek.End(Week) + WeeklyRewardsJob.GracePeriod - TimeSpan.FromMinutes(1);
        var unfinished = await Assert.ThrowsAsync<RewardsJobException>(() => Job().RunAsync(Week, withinGrace));
        Assert.Contains("not finished", unfinished.Message);
        Assert.Null(await _rewards.LatestWeekAsync());

        await Job().RunAsync(Week, Later);
        var skipped = await Assert.ThrowsAsync<RewardsJobException>(() => Job().RunAsync(Week + 2, Later));
        Assert.Contains($"run week {Week + 1} first", skipped.Message);
        var earlier = await Assert.ThrowsAsync<RewardsJobException>(() => Job().RunAsync(Week - 1, Later));
        Assert.Contains("in order", earlier.Message);
    }

    public sealed class On_sqlite() : Weekly_rewards_job(new SqliteBackend());

    [RequiresPostgres, Collection(PostgresCollection.Name)]
    public sealed class On_postgres(PostgresFixture fixture) : Weekly_rewards_job(new PostgresBackend(fixture));
}
