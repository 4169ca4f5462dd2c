namespace Dimo.Rewards.Rules;

/// <summary>
/// The configurable part of the rules: points per connection type (a type not listed fails the connection check,
/// rewards-api's "no valid integration"; our dongle is <c>dimo-esp32</c>) and FIRST_AUTOMATED_WEEK, from which the
/// pool's contract years count.
/// </summary>
public sealed class RewardRules
{
    public const long DefaultFirstAutomatedWeek = 44;

    public RewardRules(IReadOnlyDictionary<string, long> connectionPoints, long firstAutomatedWeek = DefaultFirstAutomatedWeek)
    {
        ArgumentNullException.ThrowIfNull(connectionPoints);
        ArgumentOutOfRangeException.ThrowIfNegative(firstAutomatedWeek);
        foreach (var (type, points) in connectionPoints)
        {
            if (points < 0)
                throw new ArgumentOutOfRangeException(nameof(connectionPoints), points, $"points of '{type}' must be >= 0");
        }
        ConnectionPoints = connectionPoints;
        FirstAutomatedWeek = firstAutomatedWeek;
    }

    public IReadOnlyDictionary<string, long> ConnectionPoints { get; }

    public long FirstAutomatedWeek { get; }

    /// <summary>The points a connection of this type earns, or null when the type fails the connection check.</summary>
    public long? PointsOf(string connectionType) =>
        ConnectionPoints.TryGetValue(connectionType, out long points) ? points : null;
}
