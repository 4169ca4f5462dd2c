namespace Dimo.Mqtt.Client;

/// <summary>
/// How a client retries after losing its connection: exponential backoff with full jitter between half the
/// current delay and the delay, so a fleet that lost the same broker does not come back in lockstep.
/// </summary>
public sealed record MqttReconnectPolicy
{
    public bool Enabled { get; init; } = true;
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);
    public double Multiplier { get; init; } = 2;

    public static MqttReconnectPolicy Never { get; } = new() { Enabled = false };

    /// <summary>The wait before attempt <paramref name="attempt"/> (1 = first retry).</summary>
    public TimeSpan DelayBefore(int attempt, Random random)
    {
        var ceiling = InitialDelay.TotalMilliseconds * Math.Pow(Multiplier, Math.Max(0, attempt - 1));
        ceiling = Math.Min(ceiling, MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ceiling / 2 + random.NextDouble() * ceiling / 2);
    }
}
