using Microsoft.Extensions.Time.Testing;
using Dimo.Core.Crypto;
using Dimo.Core.Wire;
using Dimo.Ingest.Registry;
using Dimo.Ingest.Rewards;
using Dimo.Ingest.Storage;
using Dimo.Ingest.Storage.Sql;
using Dimo.Ingest.Tests.Pipeline;
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

    /// <summary>
    /// A batch in <paramref name="week"/> (an hour plus <paramref name="minutes"/> in) holding a speed reading and the VIN
    /// the device read from the car, received a second later or at <paramref name="receivedMs"/>; returns its hash.
    /// </summary>
    private async Task<string> DriveAsync(PrivateKey device, long vehicle, long week, string vinRead, long? receivedMs = null, int minutes = 0, double speed = 50)
    {
        var t = IssuanceWeek.Start(week).ToUnixTimeMilliseconds() + 3_600_000 + minutes * 60_000L;
        var raw = SignedBatch.Seal(new BatchWriter().WriteBody(1, ++_seq, [new Reading(1, t, speed), new Reading(46, t, vinRead)]), device);
        var row = new StoredBatch(device.Address, vehicle, 1, _seq, t, t, 2, 0, receivedMs ?? t + 1000, raw);
        Assert.Equal(StoreOutcome.Stored, await Store.StoreAsync(new BatchRecord(row, [], null)));
        return "0x" + Hex.Encode(Keccak256.Hash(raw));
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

    [ServerFact]
    public async Task Batches_arriving_after_their_week_was_computed_are_flagged_late_and_change_nothing()
    {
        var (a, b, _, _) = await FleetAsync();
        var first = await Job().RunAsync(Week, Later);
        // B's first batch of the week arrives after the week was computed (from a spool emptied late).
        var late = await DriveAsync(DeviceB, b, Week, Vin, receivedMs: first.ComputedMs + 60_000);

        var again = await Job().RunAsync(Week, Later.AddDays(30));

        Assert.Equal(first.Rows, again.Rows);
        Assert.Equal(first.Checks, again.Checks);
        Assert.Equal(first.Claims.Root, again.Claims.Root);
        Assert.Equal([a], again.BatchHashes.Keys);
        var flagged = Assert.Single(again.LateBatches);
        Assert.Equal((b, late, first.ComputedMs + 60_000), (flagged.VehicleId, flagged.BatchHash, flagged.ReceivedMs));
        Assert.Equal(1, (int)Json(WeekViews.Summary(again)).GetProperty("lateBatches").GetInt32());
        // Computing the next week flags late arrivals of the one before it too, once.
        var lateToo = await DriveAsync(DeviceA, a, Week, Vin, receivedMs: first.ComputedMs + 120_000, minutes: 5);
        await Job().RunAsync(Week + 1, Later);
        Assert.Equal([late, lateToo], (await _rewards.GetWeekAsync(Week))!.LateBatches.Select(l => l.BatchHash));
    }

    [ServerFact]
    public async Task Published_inputs_recompute_to_the_stored_week_with_vins_only_as_keyed_tags()
    {
        var (a, b, c, _) = await FleetAsync();
        await Job().RunAsync(Week, Later);
        var stored = await Job().RunAsync(Week + 1, Later);

        var published = (await _rewards.GetPublishedAsync(Week + 1))!;
        var recomputed = WeeklyRewards.Compute(published.Rules(), published.Input());
        Assert.Equal(stored.Rows, recomputed.Rows.OrderBy(r => r.VehicleId));
        Assert.Equal(stored.Claims.Root, WeekClaims.Of(recomputed.Rows).Root);
        Assert.Equal(stored.Claims.Root, published.MerkleRoot);
        Assert.Equal(6000, published.DeviceTypePoints[DeviceRecord.DefaultType]);

        var (va, vb, vc) = (published.Vehicles.Single(v => v.VehicleId == a), published.Vehicles.Single(v => v.VehicleId == b), published.Vehicles.Single(v => v.VehicleId == c));
        // The same VIN gives the same tag (the VIN-once rule can be checked), no attestation gives none, and the VIN
        // itself appears nowhere in what is published.
        Assert.Equal(va.VinTag, vb.VinTag);
        Assert.Matches("^0x[0-9a-f]{64}$", va.VinTag!);
        Assert.Null(vc.VinTag);
        Assert.DoesNotContain(Vin, System.Text.Json.JsonSerializer.Serialize(published, PublishedWeek.Json));
        // Another week keys its tags differently, so tags do not link a VIN across weeks.
        Assert.NotEqual(va.VinTag, (await _rewards.GetPublishedAsync(Week))!.Vehicles.Single(v => v.VehicleId == a).VinTag);
        Assert.Equal((new StreakState(1, 0), 1000L, EthAddress.ToChecksumString(DeviceA.Address)), (va.CarriedIn, va.StakePoints, va.Device));
        Assert.Equal(stored.BatchHashes[a], va.BatchHashes);
    }

    [ServerFact]
    public async Task Anomaly_flags_are_stored_with_the_week_and_change_no_payout()
    {
        var (a, b, c, scenario) = await FleetAsync();
        // In week 151 A also reads a second VIN (without re-pairing), repeats a batch's readings under a new sequence
        // number, and drives for an hour with changing speed: only B and C stay briefly online with one value each.
        await DriveAsync(DeviceA, a, Week + 1, "WVWZZZ1JZXW000001", minutes: 30, speed: 60);
        await DriveAsync(DeviceA, a, Week + 1, "WVWZZZ1JZXW000001", minutes: 30, speed: 60);
        await Job().RunAsync(Week, Later);
        var stored = await Job().RunAsync(Week + 1, Later);

        string[] Flags(long vehicle) => stored.Flags.Where(f => f.VehicleId == vehicle).Select(f => f.Flag).ToArray();
        Assert.Equal([AnomalyFlags.ReplayedReadings, AnomalyFlags.VinChangedWithoutRepairing, AnomalyFlags.VinReadByTwoDevices], Flags(a).Order());
        Assert.Equal([AnomalyFlags.BrieflyOnline, AnomalyFlags.ConstantValuesOnly, AnomalyFlags.VinReadByTwoDevices], Flags(b).Order());
        Assert.Equal([AnomalyFlags.BrieflyOnline, AnomalyFlags.ConstantValuesOnly, AnomalyFlags.VinReadByTwoDevices], Flags(c).Order());
        Assert.Contains(EthAddress.ToChecksumString(DeviceB.Address), stored.Flags.First(f => f.VehicleId == a && f.Flag == AnomalyFlags.VinReadByTwoDevices).Detail);
        // Payouts are the what-if's of the same activity, flags or not.
        var whatIf = WhatIfReplay.Run(ScenarioReader.Parse(scenario, null), trace: false);
        Assert.Equal(whatIf.Week.Rows.OrderBy(r => r.VehicleId), stored.Rows);
    }

    [ServerFact]
    public async Task Two_ingestors_running_the_same_week_at_once_compute_it_once()
    {
        await FleetAsync();
        // A second ingestor: its own connections (and process-wide state aside, its own pool) on the same database.
        await using var otherBatches = await SqlBatchStore.OpenAsync(Backend.Reopen());
        var other = new WeeklyRewardsJob(otherBatches, await SqlRegistryStore.OpenAsync(otherBatches.Database),
            await SqlRewardStore.OpenAsync(otherBatches.Database), WeeklyRewardsJob.DefaultRules);
        var mine = Job();

        var results = await Task.WhenAll(Task.Run(() => mine.RunAsync(Week, Later)), Task.Run(() => other.RunAsync(Week, Later)));

        Assert.Equal(1, mine.WeeksComputed + other.WeeksComputed);
        Assert.Equal(results[0].ComputedMs, results[1].ComputedMs);
        Assert.Equal(results[0].Claims.Root, results[1].Claims.Root);
    }

    [ServerFact]
    public async Task The_schedule_computes_every_due_week_in_order_starting_with_the_newest_due_one()
    {
        await FleetAsync();
        var clock = new FakeTimeProvider(IssuanceWeek.End(Week) + WeeklyRewardsJob.GracePeriod - TimeSpan.FromMinutes(1));
        var schedule = new RewardsSchedule(Job(), _rewards, clock, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        // A minute before week 150 is due, the newest due week is the one before it: the first run starts there.
        Assert.Equal([Week - 1], await schedule.RunDueAsync());
        Assert.Empty(await schedule.RunDueAsync());
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal([Week], await schedule.RunDueAsync());
        clock.Advance(TimeSpan.FromDays(14));
        Assert.Equal([Week + 1, Week + 2], await schedule.RunDueAsync());
        Assert.Empty(await schedule.RunDueAsync());
        Assert.Equal(Week + 2, await _rewards.LatestWeekAsync());
    }

    [ServerFact]
    public async Task Points_per_device_type_are_configurable_and_published_with_the_week()
    {
        var (a, _, _, _) = await FleetAsync();
        var rules = new RewardRules(new Dictionary<string, long> { [DeviceRecord.DefaultType] = 3000, ["autopi"] = 6000 });

        var stored = await new WeeklyRewardsJob(Store, _registry, _rewards, rules).RunAsync(Week, Later);

        Assert.Equal(3000, stored.Rows.Single(r => r.VehicleId == a).AftermarketDevicePoints);
        Assert.Equal(rules.ConnectionPoints, (await _rewards.GetPublishedAsync(Week))!.DeviceTypePoints);
    }

    private static System.Text.Json.JsonElement Json(object view) => System.Text.Json.JsonSerializer.SerializeToElement(view);

    public sealed class On_sqlite() : Weekly_rewards_job(new SqliteBackend());

    [RequiresPostgres, Collection(PostgresCollection.Name)]
    public sealed class On_postgres(PostgresFixture fixture) : Weekly_rewards_job(new PostgresBackend(fixture));
}
