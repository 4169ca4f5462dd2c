using Dimo.Rewards.Engine;
using Dimo.Rewards.Rules;
using Dimo.Rewards.WhatIf;
using FsCheck;
using FsCheck.Fluent;

namespace Dimo.Rewards.Tests.WhatIf;

/// <summary>
/// FsCheck generators of small scenarios: up to 10 vehicles over weeks 0..40, sharing a few VINs, with known,
/// unknown and 0-point connection types, synthetic connections, stakes and gaps long enough to lose streaks.
/// </summary>
public static class RandomFleets
{
    public static readonly string[] Vins = ["VIN-A", "VIN-B", "VIN-C"];

    public static readonly Gen<(long, long)> Range =
        from first in Gen.Choose(0, 40)
        from length in Gen.Frequency((3, Gen.Choose(0, 2)), (2, Gen.Choose(3, 30)))
        select ((long)first, (long)(first + length));

    public static readonly Gen<ScenarioVehicle> Vehicle =
        from id in Gen.Choose(0, 30)
        from vin in Gen.Elements<string?>([.. Vins, null])
        from minted in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(0, 30)))
        from deviceType in Gen.Elements<string?>("dimo-esp32", "dimo-esp32", "macaron", "obd-clone", "free", null)
        from beneficiary in Gen.Elements<string?>(null, "0xbeneficiary")
        from deviceWeeks in Range.ListOf()
        from syntheticType in Gen.Elements<string?>(null, null, "tesla", "unknown-api")
        from syntheticWeeks in Range.ListOf()
        from stakeEndWeek in Gen.Elements<int?>(null, null, 10, 25, 60)
        select new ScenarioVehicle(id, vin, $"0xowner{id}", minted,
            deviceType == null ? null : new AftermarketConnection(deviceType, null, beneficiary),
            deviceType == null ? ActiveWeeks.None : ActiveWeeks.From(deviceWeeks, minted),
            syntheticType == null ? null : new SyntheticConnection(syntheticType),
            syntheticType == null ? ActiveWeeks.None : ActiveWeeks.From(syntheticWeeks, minted),
            stakeEndWeek == null ? null : new Stake(1500, IssuanceWeek.Start(stakeEndWeek.Value).AddHours(30)));

    public static readonly Gen<Scenario> Scenario =
        from vehicles in Vehicle.ListOf().Select(list => list.DistinctBy(v => v.Id).Take(10).ToList())
        from week in Gen.Choose(0, 45)
        from firstAutomatedWeek in Gen.Choose(0, 30)
        select new Scenario(week, new RewardRules(new Dictionary<string, long>
        {
            ["dimo-esp32"] = 6000,
            ["macaron"] = 3000,
            ["tesla"] = 6000,
            ["free"] = 0,
        }, firstAutomatedWeek), vehicles);

    public static Arbitrary<Scenario> Scenarios => Scenario.ToArbitrary();
}
