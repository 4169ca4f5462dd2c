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
/// was stored. Weeks are computed in order (each carries the previous week's streaks), starting from any week.
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

    /// <summary>The computed week (stored now, or earlier); <see cref="RewardsJobException"/> when it may not run yet.</summary>
    public async Task<StoredWeek> RunAsync(long week, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (week < 0 || week > IssuanceWeek.MaxWeek)
            throw new RewardsJobException($"week {week} does not exist: weeks run from 0 to {IssuanceWeek.MaxWeek}");
        if (await rewards.GetWeekAsync(week, cancellationToken) is { } stored)
            return stored;
        var due = IssuanceWeek.End(week) + GracePeriod;
        if (now < due)
            throw new RewardsJobException($"week {week} is not finished: it ends {IssuanceWeek.End(week):yyyy-MM-ddTHH:mmZ} and late batches are awaited for {GracePeriod.TotalHours:0} h; run it after {due:yyyy-MM-ddTHH:mmZ}");
        var latest = await rewards.LatestWeekAsync(cancellationToken);
        if (latest is { } last && last != week - 1)
            throw new RewardsJobException(last < week
                ? $"week {last + 1} is not computed yet: weeks carry streaks, so run week {last + 1} first"
                : $"week {week} lies before the computed week {last} and was skipped; weeks are computed in order from the first one run");
        var lastWeekRows = latest == null ? new Dictionary<long, StreakState>() : await rewards.StatesAsync(week - 1, cancellationToken);

        var activity = await WeeklyActivity.ReadAsync(batches, week, cancellationToken);
        var active = new List<ActiveVehicle>(activity.Count);
        foreach (var vehicle in activity)
        {
            if (await InputOfAsync(vehicle, week, cancellationToken) is { } input)
                active.Add(input);
        }
        var result = WeeklyRewards.Compute(rules, new WeekInput(week, active, lastWeekRows));
        await rewards.TrySaveAsync(result, activity.Where(a => active.Any(v => v.Id == a.VehicleId)).ToList(), now.ToUnixTimeMilliseconds(), cancellationToken);
        // Read back what is stored: this run's result, or the one another job stored first.
        return (await rewards.GetWeekAsync(week, cancellationToken))!;
    }

    /// <summary>The engine's view of an active vehicle, or null when the vehicle was minted after the week.</summary>
    private async Task<ActiveVehicle?> InputOfAsync(VehicleActivity activity, long week, CancellationToken cancellationToken)
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
        return new ActiveVehicle(vehicle.Node, attested, Address(vehicle.Owner), aftermarket, null, stake);
    }

    private static string? Address(byte[]? address) => address == null ? null : EthAddress.ToChecksumString(address);
}
