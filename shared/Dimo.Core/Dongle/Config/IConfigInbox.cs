namespace Dimo.Core.Dongle.Config
{
    /// <summary>
    /// Config messages that arrived on the device's config topic, handed to the loop when it polls (as the uplink's
    /// acknowledgements are), so no network thread runs inside the core. The MQTT uplink implements it; a retained
    /// message arrives again on every subscribe, and the loop ignores versions it already runs.
    /// </summary>
    public interface IConfigInbox
    {
        /// <summary>The next config message received, if any.</summary>
        bool TryTakeConfig(out byte[] message);
    }
}
