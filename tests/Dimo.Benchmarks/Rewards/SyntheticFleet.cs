using System.Globalization;
using System.Text;

namespace Dimo.Benchmarks.Rewards;

/// <summary>
/// A seeded what-if scenario of a fleet over a number of weeks, as JSON: vehicles minted across the first half,
/// mostly dimo-esp32 dongles (some autopi, macaron, or an unknown type), a quarter with a Tesla-style synthetic
/// connection, one in ten with a stake, 2 % sharing a VIN with another vehicle, 3 % without a VIN, and activity in
/// runs of weeks with gaps (long enough, sometimes, to lose a streak).
/// </summary>
public static class SyntheticFleet
{
    public static string Json(int vehicles, int weeks, int seed = 42)
    {
        var random = new Random(seed);
        var json = new StringBuilder(vehicles * 200);
        json.Append(CultureInfo.InvariantCulture, $$"""{"week": {{weeks - 1}}, "firstAutomatedWeek": 10, "deviceTypePoints": {"dimo-esp32": 6000, "autopi": 6000, "macaron": 3000, "tesla": 6000}, "vehicles": [""");
        string[] types = ["dimo-esp32", "dimo-esp32", "dimo-esp32", "autopi", "macaron", "obd-clone"];
        for (int id = 1; id <= vehicles; id++)
        {
            if (id > 1)
                json.Append(',');
            int minted = random.Next(0, Math.Max(1, weeks / 2));
            double roll = random.NextDouble();
            string vin = roll < 0.03 ? "null" : roll < 0.05 ? $"\"VIN{random.Next(1, id):D14}\"" : $"\"VIN{id:D14}\"";
            json.Append(CultureInfo.InvariantCulture,
                $$"""{"id": {{id}}, "vin": {{vin}}, "owner": "0x{{id:x40}}", "mintedWeek": {{minted}}, "device": {"address": "0x{{id + 1_000_000:x40}}", "type": "{{types[random.Next(types.Length)]}}", "beneficiary": null}, "activeWeeks": {{Runs(random, minted, weeks)}}""");
            if (random.NextDouble() < 0.25)
                json.Append(CultureInfo.InvariantCulture, $$""", "syntheticDevice": {"type": "tesla", "activeWeeks": {{Runs(random, minted, weeks)}}}""");
            if (random.NextDouble() < 0.1)
                json.Append(CultureInfo.InvariantCulture, $$""", "stake": {"points": 1000, "endsAt": "{{new DateTime(2022, 6, 1).AddDays(random.Next(0, 7 * weeks)):yyyy-MM-dd}}T00:00:00Z"}""");
            json.Append('}');
        }
        json.Append("]}");
        return json.ToString();
    }

    /// <summary>Active runs of 1..30 weeks separated by gaps of 1..6 weeks, from the mint week on.</summary>
    private static string Runs(Random random, int from, int weeks)
    {
        var text = new StringBuilder("[");
        for (int week = from + random.Next(0, 4); week < weeks;)
        {
            int last = Math.Min(weeks - 1, week + random.Next(0, 30));
            text.Append(text.Length > 1 ? "," : "").Append(CultureInfo.InvariantCulture, $"[{week},{last}]");
            week = last + 1 + random.Next(1, 7);
        }
        return text.Append(']').ToString();
    }
}
