using Dimo.Firmware.Keys;

namespace Dimo.Firmware.Uplink
{
    /// <summary>
    /// THE place where the dongle's MQTT credential is chosen. Today: username = the lowercase address, password = a
    /// fresh signed, time-limited login token (the core's <c>DeviceLoginToken</c>), made at every connect, which is why
    /// the uplink waits for SNTP. When the ingestor accepts a fixed per-device password (issue 10), read it from the
    /// device here and return it instead; nothing else in the firmware changes.
    /// </summary>
    public static class DeviceCredential
    {
        public static string Password(FlashKeyStore keys, long unixMilliseconds)
        {
            return keys.LoginToken(unixMilliseconds / 1000);
        }
    }
}
