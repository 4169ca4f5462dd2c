using System.Text.Json;
using Dimo.Rewards.Engine;
using Dimo.Rewards.Rules;

namespace Dimo.Rewards.WhatIf;

/// <summary>Writes a what-if result in the format of <c>../shared/rewards/README.md</c> (wei as decimal strings).</summary>
public static class WhatIfResultWriter
{
    public static void Write(WhatIfResult result, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        var week = result.Week;
        json.WriteStartObject();
        json.WriteNumber("week", week.Week);
        json.WriteString("weekStart", Timestamp(week.Start));
        json.WriteString("weekEnd", Timestamp(week.End));
        json.WriteNumber("firstAutomatedWeek", result.FirstAutomatedWeek);
        json.WriteNumber("contractYear", week.ContractYear);
        json.WriteString("weeklyLimitWei", WeiFormat.Wei(week.LimitWei));
        json.WriteNumber("totalPoints", week.TotalPoints);
        json.WriteString("distributedWei", WeiFormat.Wei(week.DistributedWei));
        json.WriteStartArray("vehicles");
        foreach (var vehicle in result.Vehicles)
            WriteVehicle(json, vehicle);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string ToJson(WhatIfResult result)
    {
        using var buffer = new MemoryStream();
        Write(result, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteVehicle(Utf8JsonWriter json, VehicleOutcome vehicle)
    {
        var row = vehicle.Row;
        var tokens = row?.Tokens ?? default;
        json.WriteStartObject();
        json.WriteNumber("id", vehicle.Id);
        json.WriteBoolean("eligible", vehicle.Eligible);
        json.WriteString("reason", vehicle.Reason.WireName());
        WriteNullableNumber(json, "vinUsedBy", vehicle.VinUsedBy);
        json.WriteBoolean("hasRecord", row != null);
        json.WriteNumber("streakWeeks", row?.State.StreakWeeks ?? 0);
        json.WriteNumber("disconnectionStreak", row?.State.DisconnectionStreak ?? 0);
        json.WriteNumber("levelPoints", row?.LevelPoints ?? 0);
        json.WriteNumber("stakePoints", row?.StakePoints ?? 0);
        json.WriteNumber("streakPoints", row?.StreakPoints ?? 0);
        json.WriteNumber("aftermarketDevicePoints", row?.AftermarketDevicePoints ?? 0);
        json.WriteNumber("syntheticDevicePoints", row?.SyntheticDevicePoints ?? 0);
        json.WriteNumber("devicePoints", row?.DevicePoints ?? 0);
        json.WriteString("tokensWei", WeiFormat.Wei(tokens.Total));
        json.WriteStartObject("tokensBreakdownWei");
        json.WriteString("streak", WeiFormat.Wei(tokens.Streak));
        json.WriteString("aftermarketDevice", WeiFormat.Wei(tokens.AftermarketDevice));
        json.WriteString("syntheticDevice", WeiFormat.Wei(tokens.SyntheticDevice));
        json.WriteEndObject();
        json.WriteString("tokensDimo", WeiFormat.Dimo(tokens.Total));
        if (vehicle.Eligible && row?.Recipient is { } recipient)
            json.WriteString("recipient", recipient);
        else
            json.WriteNull("recipient");
        if (vehicle.History != null)
        {
            json.WriteStartArray("history");
            foreach (var entry in vehicle.History)
            {
                json.WriteStartObject();
                json.WriteNumber("week", entry.Week);
                json.WriteString("reason", entry.Reason.WireName());
                json.WriteNumber("streakWeeks", entry.StreakWeeks);
                json.WriteNumber("disconnectionStreak", entry.DisconnectionStreak);
                json.WriteBoolean("hasRecord", entry.HasRecord);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteNullableNumber(Utf8JsonWriter json, string name, long? value)
    {
        if (value == null)
            json.WriteNull(name);
        else
            json.WriteNumber(name, value.Value);
    }

    private static string Timestamp(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
