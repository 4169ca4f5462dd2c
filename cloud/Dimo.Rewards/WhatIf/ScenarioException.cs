namespace Dimo.Rewards.WhatIf;

/// <summary>A scenario that breaks the format; <see cref="Field"/> is the path of the offending field (<c>vehicles[2].id</c>).</summary>
public sealed class ScenarioException(string field, string problem) : Exception($"{field}: {problem}")
{
    public string Field { get; } = field;
}
