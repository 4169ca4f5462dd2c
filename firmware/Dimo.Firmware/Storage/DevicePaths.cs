namespace Dimo.Firmware.Storage
{
    /// <summary>
    /// The files the dongle keeps on its internal flash drive (<c>I:</c>, littlefs on the ESP32), all at the root so
    /// <c>nanoff --filedeployment</c> can place the owner's ones without creating folders (firmware/README.md).
    /// </summary>
    public static class DevicePaths
    {
        /// <summary>Wi-Fi, ingestor host and port, SNTP server (the core's <c>ConnectionSettings</c> format); the owner deploys it.</summary>
        public const string ConnectionSettings = "I:\\dimo-connection.conf";

        /// <summary>The CA certificate (PEM) the ingestor's TLS certificate must chain to; the owner deploys it.</summary>
        public const string CertificateAuthority = "I:\\dimo-ca.pem";

        /// <summary>The vehicle's compiled decoder table (<c>dimo dbc compile</c>); optional, without it only OBD-II is read.</summary>
        public const string DecoderTable = "I:\\dimo-decoder.bin";

        /// <summary>The folder of the config the cloud sent (template, decoder tables; the core's <c>ConfigApplier</c> files).</summary>
        public const string ConfigFolder = "I:\\dimo-config";

        /// <summary>The device key (the core's <c>DeviceKeyFile</c>); written once on first boot, never read out.</summary>
        public const string DeviceKey = "I:\\dimo-device.key";

        /// <summary>The device key while it is being written; renamed to <see cref="DeviceKey"/> once complete.</summary>
        public const string DeviceKeyPartial = "I:\\dimo-device.key.new";

        /// <summary>An owner's claim for the dongle to co-sign (the core's <c>ClaimRequest</c> format); the owner deploys it.</summary>
        public const string ClaimRequest = "I:\\dimo-claim.conf";

        /// <summary>The device's signature of that claim (0x hex), also printed on the console.</summary>
        public const string ClaimSignature = "I:\\dimo-claim.sig";

        /// <summary>What the owner needs to mint and claim the dongle: its address, board and firmware (text).</summary>
        public const string Provisioning = "I:\\dimo-device.txt";
    }
}
