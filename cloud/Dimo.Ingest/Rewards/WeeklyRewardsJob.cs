using Dimo.Core.Crypto;
using Dimo.Ingest.Registry;
using Dimo.Ingest.Storage;
using Dimo.Rewards.Engine;
using Dimo.Rewards.Rules;

namespace Dimo.Ingest.Rewards;

/// <summary>
/// Computes one finished issuance week with the rewards engine and stores it: the week's verified activity
/// (<see cref="WeeklyActivity"/>) and the registry as it is now (owner, device type, beneficiary, VIN, stake) become the
/// engine's input, last week's stored rows its streak states. A week is computed once: running it again returns what
/// was stored. The week's rules and its inputs (VINs as keyed tags) are stored with it for anyone to recompute it.
/// Weeks are computed in order (each carries the previous week's streaks), starting from any week.
/// </summary>
public sealed class WeeklyRewardsJob(IBatchStore batches, IRegistryStore registry, SqlRewardStore rewards, RewardRules rules)
{
    /// <summary>
    /// How long after a week's end its batches may still arrive (a dongle spools readings while offline and sends them
    /// late) before the week is computed. Batches arriving later never change a computed week.
    /// </summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromHours(48);

    /// <summary>Our dongle's points, DIMO's for a full aftermarket device; other types earn nothing until configured.</summary>
    public static RewardRules DefaultRules { get; } = new(new Dictionary<string, long> { [DeviceRecord.DefaultType] = 6000 });

    /// <summary>How many weeks this job computed with the engine (not counting weeks it found stored).</summary>
    public int WeeksComputed { get; private set; }

    /// <summary>
    /// The computed week (stored now, or earlier; batches that arrived since it was computed are flagged late);
    /// <see cref="RewardsJobException"/> when it may not run yet. Holds the database's week lock while computing, so
    /// of several ingestors on one PostgreSQL one computes and the others read its result.
    /// </summary>
    public async Task<StoredWeek> RunAsync(long week, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (week < 0 || week > IssuanceWeek.MaxWeek)
            throw new RewardsJobException($"week {week} does not exist: weeks run from 0 to {IssuanceWeek.MaxWeek}");
        if (await rewards.GetWeekAsync(week, cancellationToken) is { } stored)
            return await FlagLateAsync(stored, cancellationToken);
        var due = IssuanceWeek.End(week) + GracePeriod;
        if (now < due)
            throw new RewardsJobException($"week {week} is not finished: it ends {IssuanceWeek.End(week):yyyy-MM-ddTHH:mmZ} and late batches are awaited for {GracePeriod.TotalHours:0} h; run it after {due:yyyy-MM-ddTHH:mmZ}");
        await rewards.RunExclusiveAsync(async () =>
        {
            // Another ingestor may have computed it while this one waited for the lock.
            if (await rewards.GetWeekAsync(week, cancellationToken) == null)
                await ComputeAsync(week, now, cancellationToken);
            return true;
        }, cancellationToken);
        // Late arrivals of the week before, now that it is final for good.
        if (await rewards.GetWeekAsync(week - 1, cancellationToken) is { } previous)
            await FlagLateAsync(previous, cancellationToken);
        // Read back what is stored: this run's result, or the one another job stored first.
        return (await rewards.GetWeekAsync(week, cancellationToken))!;
    }

    private async Task ComputeAsync(long week, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var latest = await rewards.LatestWeekAsync(cancellationToken);
        if (latest is { } last && last != week - 1)
            throw new RewardsJobException(last < week
                ? $"week {last + 1} is not computed yet: weeks carry streaks, so run week {last + 1} first"
                : $"week {week} lies before the computed week {last} and was skipped; weeks are computed in order from the first one run");
        var lastWeekRows = latest == null ? new Dictionary<long, StreakState>() : await rewards.StatesAsync(week - 1, cancellationToken);

        var notes = new AnomalyFlags();
        var activity = await WeeklyActivity.ReadAsync(batches, week, cancellationToken, notes);
        var tags = new VinTags(await rewards.VinTagSecretAsync(cancellationToken), week);
        var active = new List<ActiveVehicle>(activity.Count);
        var published = new List<PublishedVehicle>(activity.Count);
        foreach (var vehicle in activity)
        {
            if (await InputOfAsync(vehicle, week, cancellationToken) is { } input)
            {
                active.Add(input.Vehicle);
                var engine = input.Vehicle;
                published.Add(new PublishedVehicle(engine.Id, true, engine.Owner, input.Device, engine.Aftermarket?.Type, engine.Aftermarket?.Owner,
                    engine.Aftermarket?.Beneficiary, engine.Stake?.Points, engine.Stake?.EndsAt, engine.Vin == null ? null : tags.Tag(engine.Vin), null, []));
            }
        }
        var result = WeeklyRewards.Compute(rules, new WeekInput(week, active, lastWeekRows));
        WeeksComputed++;
        var counted = activity.Where(a => active.Any(v => v.Id == a.VehicleId)).ToList();
        await rewards.TrySaveAsync(result, counted, published, WeekRules.Json(rules), notes.Flags(), now.ToUnixTimeMilliseconds(), cancellationToken);
    }

    private async Task<StoredWeek> FlagLateAsync(StoredWeek week, CancellationToken cancellationToken)
    {
        var late = await WeeklyActivity.LateAsync(batches, week.Week, week.ComputedMs, week.BatchHashes.Values.SelectMany(h => h), cancellationToken);
        if (late.Count == week.LateBatches.Count)
            return week;
        await rewards.FlagLateAsync(week.Week, late, cancellationToken);
        return (await rewards.GetWeekAsync(week.Week, cancellationToken))!;
    }

    /// <summary>The engine's view of an active vehicle and the address of the device counted, or null when the vehicle was minted after the week.</summary>
    private async Task<(ActiveVehicle Vehicle, string? Device)?> InputOfAsync(VehicleActivity activity, long week, CancellationToken cancellationToken)
    {
        var vehicle = await registry.GetVehicleAsync(activity.VehicleId, cancellationToken);
        if (vehicle == null || IssuanceWeek.Of(DateTimeOffset.FromUnixTimeMilliseconds(vehicle.CreatedMs)) > week)
            return null;
        // The device paired now, if it is one that delivered; else the first that delivered this week.
        var paired = await registry.FindDeviceByVehicleAsync(vehicle.Node, cancellationToken);
        var device = paired != null && activity.Devices.Any(d => d.AsSpan().SequenceEqual(paired.Address))
            ? paired
            : await registry.FindDeviceByAddressAsync(activity.Devices[0], cancellationToken);
        var aftermarket = device == null ? null : new AftermarketConnection(device.DeviceType, Address(device.Owner), Address(device.Beneficiary));
        // VIN attestation: a VIN the device read this week equals the registered one (both normalized).
        var attested = activity.VinsRead.Contains(vehicle.Vin) ? vehicle.Vin : null;
        var stake = vehicle is { StakePoints: { } points, StakeEndMs: { } endMs } ? new Stake(points, DateTimeOffset.FromUnixTimeMilliseconds(endMs)) : null;
        return (new ActiveVehicle(vehicle.Node, attested, Address(vehicle.Owner), aftermarket, null, stake), Address(device?.Address));
    }

    private static string? Address(byte[]? address) => address == null ? null : EthAddress.ToChecksumString(address);
}
