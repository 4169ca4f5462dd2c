using Dimo.Firmware.Keys;

namespace Dimo.Firmware.Uplink
{
    /// <summary>
    /// THE place where the dongle's MQTT credential is chosen: username = the lowercase address, password = the
    /// device's fixed password (the core's <c>DevicePassword</c>, generation 0, signed once per boot by the key store;
    /// cloud/docs/device-credential.md). Both endpoints check it: the ingestor's embedded endpoint registers it at the
    /// device's first login, and Mosquitto's dynamic security accepts it once it is registered
    /// (<c>POST /api/devices/by-address/{address}/password</c>). Unlike the signed login token it does not carry the
    /// time, so a login needs no clock (TLS still does, to check the certificate's dates).
    /// </summary>
    public static class DeviceCredential
    {
        public static string Password(FlashKeyStore keys)
        {
            return keys.MqttPassword;
        }
    }
}
