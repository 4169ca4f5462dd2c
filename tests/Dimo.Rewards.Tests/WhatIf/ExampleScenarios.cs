using System.Text.Json.Nodes;
using Dimo.Testing;

namespace Dimo.Rewards.Tests.WhatIf;

/// <summary>The worked examples in the team's reference folder (<c>../shared/rewards/examples</c>), and parsed-JSON comparison.</summary>
public static class ExampleScenarios
{
    public static readonly TheoryData<string> Names = new("week120", "week200");

    public static string ScenarioPath(string name) => SharedFolder.File("rewards", "examples", name + ".json");

    public static string ExpectedPath(string name) => SharedFolder.File("rewards", "examples", name + ".expected.json");

    /// <summary>Asserts two JSON texts are equal as parsed JSON (key order and whitespace do not matter), naming the first difference.</summary>
    public static void AssertSameJson(string expected, string actual)
    {
        var e = JsonNode.Parse(expected);
        var a = JsonNode.Parse(actual);
        if (!JsonNode.DeepEquals(e, a))
            Assert.Fail("JSON differs: " + FirstDifference(e, a, "$"));
    }

    private static string FirstDifference(JsonNode? e, JsonNode? a, string path)
    {
        if (e is JsonObject eo && a is JsonObject ao)
        {
            foreach (var (key, value) in eo)
            {
                if (!ao.ContainsKey(key))
                    return $"{path}.{key} missing";
                if (!JsonNode.DeepEquals(value, ao[key]))
                    return FirstDifference(value, ao[key], $"{path}.{key}");
            }
            return $"{path} has extra keys: {string.Join(", ", ao.Select(p => p.Key).Except(eo.Select(p => p.Key)))}";
        }
        if (e is JsonArray ea && a is JsonArray aa && ea.Count == aa.Count)
        {
            for (int i = 0; i < ea.Count; i++)
            {
                if (!JsonNode.DeepEquals(ea[i], aa[i]))
                    return FirstDifference(ea[i], aa[i], $"{path}[{i}]");
            }
        }
        return $"{path}: expected {e?.ToJsonString() ?? "null"}, got {a?.ToJsonString() ?? "null"}";
    }
}
