using Dimo.Rewards.Engine;
using Dimo.Rewards.Rules;

namespace Dimo.Rewards.Tests.Engine;

/// <summary>Builds one week's input for the engine tests: rules with three connection types, vehicles and last week's rows.</summary>
public static class Week
{
    public static readonly RewardRules Rules = new(new Dictionary<string, long>
    {
        ["dimo-esp32"] = 6000,
        ["macaron"] = 3000,
        ["tesla"] = 6000,
        ["free"] = 0,
    });

    public static ActiveVehicle Dongle(long id, string? vin = null, string type = "dimo-esp32", string? beneficiary = null) =>
        new(id, vin ?? Vin(id), Owner(id), new AftermarketConnection(type, null, beneficiary));

    public static string Vin(long id) => $"VIN{id:D14}";

    public static string Owner(long id) => $"0xowner{id}";

    public static WeekResult Compute(long week, IReadOnlyList<ActiveVehicle> active, IReadOnlyDictionary<long, StreakState>? lastWeek = null) =>
        WeeklyRewards.Compute(Rules, new WeekInput(week, active, lastWeek ?? new Dictionary<long, StreakState>()));

    public static RewardRow Row(this WeekResult result, long id) => result.Rows.Single(r => r.VehicleId == id);

    public static VehicleCheck Check(this WeekResult result, long id) => result.Checks.Single(c => c.VehicleId == id);
}
