using Dimo.Rewards.Engine;
using Dimo.Rewards.Rules;

namespace Dimo.Rewards.Tests.Engine;

public class WeeklyRewardsTests
{
    [Fact]
    public void A_qualifying_vehicle_earns_its_level_and_its_connection_points()
    {
        var result = Week.Compute(120, [Week.Dongle(1)], new Dictionary<long, StreakState> { [1] = new(20, 0) });

        var row = result.Row(1);
        Assert.Equal(Eligibility.Ok, result.Check(1).Reason);
        Assert.True(row.Connected);
        Assert.Equal(new StreakState(21, 0), row.State);
        Assert.Equal(2000, row.LevelPoints);
        Assert.Equal(6000, row.AftermarketDevicePoints);
        Assert.Equal(8000, result.TotalPoints);
    }

    [Fact]
    public void Level_points_come_from_the_new_streak()
    {
        var result = Week.Compute(10, [Week.Dongle(1)], new Dictionary<long, StreakState> { [1] = new(3, 0) });

        Assert.Equal(1000, result.Row(1).LevelPoints);
    }

    [Fact]
    public void A_vehicle_failing_a_check_is_handled_as_disconnected()
    {
        var last = new Dictionary<long, StreakState> { [1] = new(10, 0), [2] = new(10, 2), [3] = new(10, 0) };
        ActiveVehicle[] active =
        [
            Week.Dongle(1, type: "obd-clone"),
            new(2, null, Week.Owner(2), new AftermarketConnection("dimo-esp32")),
            Week.Dongle(3),
        ];

        var result = Week.Compute(50, active, last);

        Assert.Equal(Eligibility.NoValidIntegration, result.Check(1).Reason);
        Assert.Equal(Eligibility.NoVinAttestation, result.Check(2).Reason);
        var failed = result.Row(1);
        Assert.False(failed.Connected);
        Assert.Equal(new StreakState(10, 1), failed.State);
        Assert.Equal(0, failed.TotalPoints);
        Assert.Equal(UInt128.Zero, failed.Tokens.Total);
        Assert.Null(failed.Recipient);
        // The third miss of a streak below 21 weeks writes no row.
        Assert.DoesNotContain(result.Rows, r => r.VehicleId == 2);
    }

    [Fact]
    public void An_inactive_vehicle_with_a_row_last_week_misses_a_week()
    {
        var result = Week.Compute(50, [Week.Dongle(1)], new Dictionary<long, StreakState> { [7] = new(30, 0) });

        Assert.Equal(new StreakState(30, 1), result.Row(7).State);
        Assert.DoesNotContain(result.Checks, c => c.VehicleId == 7);
        Assert.Equal(new StreakState(30, 1), result.NextState[7]);
    }

    [Fact]
    public void A_failing_vehicle_without_a_row_last_week_gets_no_row()
    {
        var result = Week.Compute(50, [Week.Dongle(1, type: "obd-clone")]);

        Assert.Empty(result.Rows);
        Assert.Equal(UInt128.Zero, result.DistributedWei);
    }

    [Fact]
    public void The_VIN_goes_to_the_highest_id()
    {
        // Listed in ascending id on purpose: the engine visits by descending id whatever the input order.
        var result = Week.Compute(50, [Week.Dongle(3, "SHARED"), Week.Dongle(9, "SHARED"), Week.Dongle(5, "SHARED")]);

        Assert.Equal(Eligibility.Ok, result.Check(9).Reason);
        Assert.Equal(new VehicleCheck(5, Eligibility.VinAlreadyUsed, 9), result.Check(5));
        Assert.Equal(new VehicleCheck(3, Eligibility.VinAlreadyUsed, 9), result.Check(3));
        Assert.Equal([9L, 5, 3], result.Checks.Select(c => c.VehicleId));
    }

    [Fact]
    public void Only_a_vehicle_that_passed_the_connection_check_claims_its_VIN()
    {
        var result = Week.Compute(50, [Week.Dongle(9, "SHARED", type: "obd-clone"), Week.Dongle(3, "SHARED")]);

        Assert.Equal(Eligibility.NoValidIntegration, result.Check(9).Reason);
        Assert.Equal(new VehicleCheck(3, Eligibility.Ok, null), result.Check(3));
    }

    [Fact]
    public void VINs_are_compared_as_the_exact_strings_given()
    {
        var result = Week.Compute(50, [Week.Dongle(9, "1hgcm82633a004352"), Week.Dongle(3, "1HGCM82633A004352")]);

        Assert.All(result.Checks, c => Assert.Equal(Eligibility.Ok, c.Reason));
    }

    [Fact]
    public void Aftermarket_and_synthetic_connections_both_count_and_both_are_paid()
    {
        var vehicle = Week.Dongle(1) with { Synthetic = new SyntheticConnection("tesla") };

        var result = Week.Compute(120, [vehicle, Week.Dongle(2)]);

        var row = result.Row(1);
        Assert.Equal(6000, row.AftermarketDevicePoints);
        Assert.Equal(6000, row.SyntheticDevicePoints);
        Assert.Equal(row.Tokens.AftermarketDevice, row.Tokens.SyntheticDevice);
        Assert.True(row.Tokens.SyntheticDevice > UInt128.Zero);
    }

    [Fact]
    public void A_known_synthetic_connection_qualifies_a_vehicle_whose_dongle_type_is_unknown_and_pays_its_owner()
    {
        var vehicle = Week.Dongle(1, type: "obd-clone", beneficiary: "0xbeneficiary") with { Synthetic = new SyntheticConnection("tesla") };

        var result = Week.Compute(120, [vehicle]);

        var row = result.Row(1);
        Assert.Equal(Eligibility.Ok, result.Check(1).Reason);
        Assert.Equal(0, row.AftermarketDevicePoints);
        Assert.Equal(6000, row.SyntheticDevicePoints);
        Assert.Equal(Week.Owner(1), row.Recipient);
    }

    [Fact]
    public void A_listed_type_with_0_points_passes_the_connection_check()
    {
        var result = Week.Compute(120, [Week.Dongle(1, type: "free")], new Dictionary<long, StreakState> { [1] = new(5, 0) });

        Assert.Equal(Eligibility.Ok, result.Check(1).Reason);
        Assert.Equal(1000, result.Row(1).TotalPoints);
    }

    [Theory]
    [InlineData("0xbeneficiary", "0xdeviceowner", "0xbeneficiary")]
    [InlineData(null, "0xdeviceowner", "0xdeviceowner")]
    [InlineData(null, null, "0xowner1")]
    public void The_recipient_is_the_beneficiary_else_the_device_owner_else_the_vehicle_owner(string? beneficiary, string? deviceOwner, string recipient)
    {
        var vehicle = new ActiveVehicle(1, Week.Vin(1), Week.Owner(1), new AftermarketConnection("dimo-esp32", deviceOwner, beneficiary));

        Assert.Equal(recipient, Week.Compute(120, [vehicle]).Row(1).Recipient);
    }

    [Fact]
    public void A_stake_counts_only_while_the_week_ends_before_it_does()
    {
        var weekEnd = IssuanceWeek.End(120);
        ActiveVehicle Staked(long id, DateTimeOffset endsAt) => Week.Dongle(id) with { Stake = new Stake(2000, endsAt) };

        var result = Week.Compute(120, [Staked(1, weekEnd.AddSeconds(1)), Staked(2, weekEnd), Staked(3, weekEnd.AddDays(-1))]);

        Assert.Equal(2000, result.Row(1).StakePoints);
        Assert.Equal(2000, result.Row(1).StreakPoints);
        Assert.Equal(0, result.Row(2).StakePoints);
        Assert.Equal(0, result.Row(3).StakePoints);
    }

    [Fact]
    public void A_stake_adds_nothing_in_a_week_the_vehicle_is_not_connected()
    {
        var vehicle = Week.Dongle(1, type: "obd-clone") with { Stake = new Stake(2000, DateTimeOffset.MaxValue) };

        var result = Week.Compute(120, [vehicle, Week.Dongle(2)], new Dictionary<long, StreakState> { [1] = new(40, 0) });

        Assert.Equal(0, result.Row(1).StakePoints);
        Assert.Equal(6000, result.TotalPoints);
    }

    [Fact]
    public void The_week_splits_its_limit_per_bucket_by_all_points_of_all_rows()
    {
        var staked = Week.Dongle(1, beneficiary: "0xb1") with { Synthetic = new SyntheticConnection("tesla"), Stake = new Stake(2000, DateTimeOffset.MaxValue) };
        var last = new Dictionary<long, StreakState> { [1] = new(50, 0), [2] = new(4, 0), [3] = new(25, 0) };

        var result = Week.Compute(120, [staked, Week.Dongle(2, type: "macaron")], last);

        // 1: 3,000 level + 2,000 stake + 6,000 + 6,000; 2: 1,000 + 3,000; 3 (inactive) carries a row with 0 points.
        Assert.Equal(21_000, result.TotalPoints);
        var limit = UInt128.Parse("939250000000000000000000");
        Assert.Equal(limit, result.LimitWei);
        Assert.Equal(5000 * limit / 21_000, result.Row(1).Tokens.Streak);
        Assert.Equal(6000 * limit / 21_000, result.Row(1).Tokens.SyntheticDevice);
        Assert.Equal(3000 * limit / 21_000, result.Row(2).Tokens.AftermarketDevice);
        Assert.Equal(UInt128.Zero, result.Row(3).Tokens.Total);
        Assert.Equal(result.Rows.Aggregate(UInt128.Zero, (sum, r) => sum + r.Tokens.Total), result.DistributedWei);
        Assert.True(result.DistributedWei <= limit);
    }

    [Fact]
    public void Every_row_is_carried_into_next_week()
    {
        var result = Week.Compute(50, [Week.Dongle(1), Week.Dongle(2, type: "obd-clone")],
            new Dictionary<long, StreakState> { [2] = new(8, 0), [3] = new(30, 2), [4] = new(5, 2) });

        Assert.Equal(new Dictionary<long, StreakState> { [1] = new(1, 0), [2] = new(8, 1), [3] = new(4, 3) }, result.NextState);
    }

    [Fact]
    public void A_vehicle_listed_twice_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Week.Compute(50, [Week.Dongle(1), Week.Dongle(1)]));
    }
}
