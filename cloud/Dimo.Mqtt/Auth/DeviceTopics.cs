namespace Dimo.Mqtt.Auth;

/// <summary>
/// The topic tree devices use: each device owns <c>dimo/v1/devices/{address}/…</c> for what it publishes, and
/// reads its configuration from <c>dimo/v1/devices/{address}/config</c>.
/// </summary>
public static class DeviceTopics
{
    public const string Root = "dimo/v1/devices/";

    /// <summary>The prefix every topic of <paramref name="address"/> starts with (trailing slash included).</summary>
    public static string Prefix(string address) => Root + address + "/";

    public static string Config(string address) => Prefix(address) + "config";

    /// <summary>Where the device publishes its signed batches (QoS 1).</summary>
    public static string Batches(string address) => Prefix(address) + BatchesLevel;

    /// <summary>The filter matching every device's batches topic (what the ingestor handles).</summary>
    public const string AllBatches = Root + "+/" + BatchesLevel;

    /// <summary>The address level of a topic below <see cref="Root"/>, or null for any other topic.</summary>
    public static string? AddressOf(string topic)
    {
        if (!topic.StartsWith(Root, StringComparison.Ordinal))
            return null;
        var end = topic.IndexOf('/', Root.Length);
        return end < 0 ? null : topic[Root.Length..end];
    }

    private const string BatchesLevel = "batches";

    /// <summary>True for a topic strictly below the device's own prefix.</summary>
    public static bool BelongsTo(string topic, string address)
    {
        var prefix = Prefix(address);
        return topic.Length > prefix.Length && topic.StartsWith(prefix, StringComparison.Ordinal);
    }
}
