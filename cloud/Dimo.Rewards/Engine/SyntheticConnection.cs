namespace Dimo.Rewards.Engine;

/// <summary>A software connection (such as the Tesla API), present in a week's input only when it was active that week.</summary>
public sealed record SyntheticConnection(string Type);
