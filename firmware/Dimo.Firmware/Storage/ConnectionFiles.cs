using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using Dimo.Core.Dongle;

namespace Dimo.Firmware.Storage
{
    /// <summary>
    /// Reads what the owner put on the device (firmware/README.md, "Put Wi-Fi, server and CA on the dongle"): the
    /// connection settings file, parsed by the core, and the ingestor's CA certificate. What is missing or wrong is
    /// printed on the console with what to do, and the result is null.
    /// </summary>
    public static class ConnectionFiles
    {
        public static ConnectionSettings ReadSettings()
        {
            if (!File.Exists(DevicePaths.ConnectionSettings))
            {
                Console.WriteLine("setup: " + DevicePaths.ConnectionSettings + " is missing: deploy it with nanoff --filedeployment (firmware/README.md)");
                return null;
            }
            try
            {
                return ConnectionSettings.Parse(File.ReadAllText(DevicePaths.ConnectionSettings));
            }
            catch (SettingsFileException e)
            {
                Console.WriteLine("setup: " + DevicePaths.ConnectionSettings + ": " + e.Message);
                return null;
            }
        }

        /// <summary>The CA certificate for TLS; null (and a console message) when it is needed and missing or unreadable.</summary>
        public static X509Certificate ReadCertificateAuthority()
        {
            if (!File.Exists(DevicePaths.CertificateAuthority))
            {
                Console.WriteLine("setup: " + DevicePaths.CertificateAuthority + " is missing: deploy the ingestor's CA (PEM) with nanoff --filedeployment, or set mqtt.tls=false");
                return null;
            }
            try
            {
                return new X509Certificate(File.ReadAllText(DevicePaths.CertificateAuthority));
            }
            catch (Exception e)
            {
                Console.WriteLine("setup: " + DevicePaths.CertificateAuthority + " is not a PEM certificate: " + e.Message);
                return null;
            }
        }
    }
}
