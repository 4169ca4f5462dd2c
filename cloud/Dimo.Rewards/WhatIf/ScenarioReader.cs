using System.Globalization;
using System.Text.Json;
using Dimo.Rewards.Engine;
using Dimo.Rewards.Rules;

namespace Dimo.Rewards.WhatIf;

/// <summary>
/// Reads a what-if scenario and checks it against the format: <c>week</c> (unless overridden) and
/// <c>vehicles</c> are required, ids are unique integers ≥ 0, weeks are integers ≥ 0, a range [a, b] needs a ≤ b.
/// Unknown keys are ignored. Any other problem is a <see cref="ScenarioException"/> naming the field.
/// </summary>
public static class ScenarioReader
{
    public static Scenario Parse(string json, long? weekOverride = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ScenarioException("scenario", $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
        }
        using (document)
            return Read(document.RootElement, weekOverride);
    }

    private static Scenario Read(JsonElement root, long? weekOverride)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new ScenarioException("scenario", "must be a JSON object");

        long week;
        if (weekOverride != null)
            week = weekOverride.Value >= 0 ? weekOverride.Value : throw new ScenarioException("--week", "must be an integer >= 0");
        else if (root.TryGetProperty("week", out var weekElement))
            week = Week(weekElement, "week");
        else
            throw new ScenarioException("week", "required (the issuance week to report, an integer >= 0), or give --week");
        if (week > IssuanceWeek.MaxWeek)
            throw new ScenarioException(weekOverride != null ? "--week" : "week", $"must be at most {IssuanceWeek.MaxWeek} (its end must be a date before year 10000)");

        long firstAutomatedWeek = root.TryGetProperty("firstAutomatedWeek", out var faw)
            ? Week(faw, "firstAutomatedWeek")
            : RewardRules.DefaultFirstAutomatedWeek;
        var points = root.TryGetProperty("deviceTypePoints", out var pointsElement)
            ? DeviceTypePoints(pointsElement)
            : new Dictionary<string, long>();

        if (!root.TryGetProperty("vehicles", out var vehiclesElement))
            throw new ScenarioException("vehicles", "required (a list of vehicles)");
        if (vehiclesElement.ValueKind != JsonValueKind.Array)
            throw new ScenarioException("vehicles", "must be a list");
        var vehicles = new List<ScenarioVehicle>(vehiclesElement.GetArrayLength());
        var firstIndexOfId = new Dictionary<long, int>();
        int index = 0;
        foreach (var element in vehiclesElement.EnumerateArray())
        {
            var vehicle = Vehicle(element, $"vehicles[{index}]");
            if (!firstIndexOfId.TryAdd(vehicle.Id, index))
                throw new ScenarioException($"vehicles[{index}].id", $"{vehicle.Id} is not unique (vehicles[{firstIndexOfId[vehicle.Id]}] has it too)");
            vehicles.Add(vehicle);
            index++;
        }
        return new Scenario(week, new RewardRules(points, firstAutomatedWeek), vehicles);
    }

    private static Dictionary<string, long> DeviceTypePoints(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new ScenarioException("deviceTypePoints", "must be an object of connection type to points");
        var points = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
            points[property.Name] = NonNegative(property.Value, $"deviceTypePoints.{property.Name}");
        return points;
    }

    private static ScenarioVehicle Vehicle(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new ScenarioException(path, "must be an object");
        long id = RequiredNonNegative(element, "id", path, "the vehicle token id, an integer >= 0");
        string? vin = OptionalString(element, "vin", path);
        string? owner = OptionalString(element, "owner", path);
        long minted = element.TryGetProperty("mintedWeek", out var mintedElement) ? Week(mintedElement, path + ".mintedWeek") : 0;

        AftermarketConnection? device = null;
        if (element.TryGetProperty("device", out var deviceElement) && deviceElement.ValueKind != JsonValueKind.Null)
        {
            if (deviceElement.ValueKind != JsonValueKind.Object)
                throw new ScenarioException(path + ".device", "must be an object or null");
            device = new AftermarketConnection(RequiredString(deviceElement, "type", path + ".device"),
                OptionalString(deviceElement, "owner", path + ".device"), OptionalString(deviceElement, "beneficiary", path + ".device"));
        }
        var deviceWeeks = WeekList(element, path, minted);

        SyntheticConnection? synthetic = null;
        var syntheticWeeks = ActiveWeeks.None;
        if (element.TryGetProperty("syntheticDevice", out var syntheticElement) && syntheticElement.ValueKind != JsonValueKind.Null)
        {
            if (syntheticElement.ValueKind != JsonValueKind.Object)
                throw new ScenarioException(path + ".syntheticDevice", "must be an object or null");
            synthetic = new SyntheticConnection(RequiredString(syntheticElement, "type", path + ".syntheticDevice"));
            syntheticWeeks = WeekList(syntheticElement, path + ".syntheticDevice", minted);
        }

        Stake? stake = null;
        if (element.TryGetProperty("stake", out var stakeElement) && stakeElement.ValueKind != JsonValueKind.Null)
            stake = StakeOf(stakeElement, path + ".stake");

        // Activity only counts through a connection: weeks listed without a paired device deliver nothing.
        return new ScenarioVehicle(id, vin, owner, minted, device, device == null ? ActiveWeeks.None : deviceWeeks,
            synthetic, syntheticWeeks, stake);
    }

    private static Stake StakeOf(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new ScenarioException(path, "must be an object or null");
        long points = RequiredNonNegative(element, "points", path, "an integer >= 0");
        string endsAtText = RequiredString(element, "endsAt", path);
        if (!DateTimeOffset.TryParse(endsAtText, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var endsAt))
            throw new ScenarioException(path + ".endsAt", $"'{endsAtText}' is not an ISO 8601 date-time such as 2024-01-01T00:00:00Z");
        return new Stake(points, endsAt);
    }

    private static ActiveWeeks WeekList(JsonElement owner, string ownerPath, long minted)
    {
        string path = ownerPath + ".activeWeeks";
        if (!owner.TryGetProperty("activeWeeks", out var element))
            return ActiveWeeks.None;
        if (element.ValueKind != JsonValueKind.Array)
            throw new ScenarioException(path, "must be a list of weeks and [first, last] ranges");
        var ranges = new List<(long, long)>();
        int index = 0;
        foreach (var item in element.EnumerateArray())
        {
            string itemPath = $"{path}[{index++}]";
            if (item.ValueKind == JsonValueKind.Array)
            {
                if (item.GetArrayLength() != 2)
                    throw new ScenarioException(itemPath, "a range must be [first, last]");
                long first = Week(item[0], itemPath + "[0]");
                long last = Week(item[1], itemPath + "[1]");
                if (first > last)
                    throw new ScenarioException(itemPath, $"range [{first}, {last}] needs first <= last");
                ranges.Add((first, last));
            }
            else
            {
                long week = Week(item, itemPath);
                ranges.Add((week, week));
            }
        }
        return ActiveWeeks.From(ranges, minted);
    }

    private static long Week(JsonElement element, string path) => NonNegative(element, path, "a week number, an integer >= 0");

    private static long NonNegative(JsonElement element, string path, string what = "an integer >= 0")
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out long value) && value >= 0)
            return value;
        throw new ScenarioException(path, $"must be {what}, not {Describe(element)}");
    }

    private static long RequiredNonNegative(JsonElement owner, string name, string ownerPath, string what) =>
        owner.TryGetProperty(name, out var element)
            ? NonNegative(element, $"{ownerPath}.{name}")
            : throw new ScenarioException($"{ownerPath}.{name}", $"required ({what})");

    private static string RequiredString(JsonElement owner, string name, string ownerPath)
    {
        if (owner.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String)
            return element.GetString()!;
        throw new ScenarioException($"{ownerPath}.{name}", element.ValueKind == JsonValueKind.Undefined
            ? "required (a string)"
            : $"must be a string, not {Describe(element)}");
    }

    private static string? OptionalString(JsonElement owner, string name, string ownerPath)
    {
        if (!owner.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
            return null;
        return element.ValueKind == JsonValueKind.String
            ? element.GetString()
            : throw new ScenarioException($"{ownerPath}.{name}", $"must be a string or null, not {Describe(element)}");
    }

    private static string Describe(JsonElement element)
    {
        string text = element.GetRawText();
        return text.Length <= 40 ? text : text[..37] + "...";
    }
}
