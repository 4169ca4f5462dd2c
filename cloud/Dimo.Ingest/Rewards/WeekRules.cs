using System.Text.Json;
using System.Text.Json.Nodes;
using Dimo.Rewards.Rules;

namespace Dimo.Ingest.Rewards;

/// <summary>The rules a week was computed with, stored with it as JSON (<c>{"firstAutomatedWeek","deviceTypePoints"}</c>) and published.</summary>
public static class WeekRules
{
    public static string Json(RewardRules rules) => new JsonObject
    {
        ["firstAutomatedWeek"] = rules.FirstAutomatedWeek,
        ["deviceTypePoints"] = new JsonObject(rules.ConnectionPoints.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
    }.ToJsonString();

    public static RewardRules Parse(string json)
    {
        var node = JsonNode.Parse(json)!;
        var points = node["deviceTypePoints"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<long>(), StringComparer.Ordinal);
        return new RewardRules(points, node["firstAutomatedWeek"]!.GetValue<long>());
    }
}
