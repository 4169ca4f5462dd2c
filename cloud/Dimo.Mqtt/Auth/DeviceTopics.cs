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

    /// <summary>True for a topic strictly below the device's own prefix.</summary>
    public static bool BelongsTo(string topic, string address)
    {
        var prefix = Prefix(address);
        return topic.Length > prefix.Length && topic.StartsWith(prefix, StringComparison.Ordinal);
    }
}
