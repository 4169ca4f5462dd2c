namespace Dimo.Core.DeviceContract
{
    /// <summary>
    /// The topic tree of the device contract: below <c>dimo/v1/devices/{address}/</c> a device publishes only its
    /// signed batches on <c>…/batches</c> (QoS 1), and reads its configuration, which only the ingestor publishes, from
    /// <c>…/config</c>; both endpoints enforce exactly that (cloud/docs/device-credential.md). The address level follows <see cref="DeviceAddress"/>'s casing rule:
    /// built from any casing, always written and read lowercase.
    /// </summary>
    public static class DeviceTopics
    {
        public const string Root = "dimo/v1/devices/";

        private const string BatchesLevel = "batches";
        private const string ConfigLevel = "config";

        /// <summary>The filter matching every device's batches topic (what the ingestor handles).</summary>
        public const string AllBatches = Root + "+/" + BatchesLevel;

        /// <summary>The prefix every topic of <paramref name="address"/> starts with (trailing slash included).</summary>
        /// <exception cref="System.ArgumentException">The address is not 0x followed by 40 hex digits.</exception>
        public static string Prefix(string address)
        {
            return Root + DeviceAddress.Canonical(address) + "/";
        }

        /// <summary>Where the device publishes its signed batches (QoS 1).</summary>
        public static string Batches(string address)
        {
            return Prefix(address) + BatchesLevel;
        }

        /// <summary>The device's configuration topic, the only one it subscribes to.</summary>
        public static string Config(string address)
        {
            return Prefix(address) + ConfigLevel;
        }

        /// <summary>
        /// The address of a topic below <see cref="Root"/> whose address level is canonical and followed by a
        /// further level; null for any other topic, a mixed-case address included.
        /// </summary>
        public static string AddressOf(string topic)
        {
            if (topic == null || topic.Length <= Root.Length + DeviceAddress.TextLength + 1
                || topic[Root.Length + DeviceAddress.TextLength] != '/' || !topic.StartsWith(Root))
            {
                return null;
            }
            string address = topic.Substring(Root.Length, DeviceAddress.TextLength);
            return DeviceAddress.IsCanonical(address) ? address : null;
        }
    }
}
