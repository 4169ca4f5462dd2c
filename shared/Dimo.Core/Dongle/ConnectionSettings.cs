namespace Dimo.Core.Dongle
{
    /// <summary>
    /// What the dongle needs to reach its ingestor, read from a small text file the owner puts on the device
    /// (<c>I:\dimo-connection.conf</c>, deployed with <c>nanoff --filedeployment</c>; see firmware/README.md): in the
    /// <see cref="SettingsFile"/> format. Names:
    /// <c>wifi.ssid</c> and <c>mqtt.host</c> (required), <c>wifi.password</c> (empty for an open network),
    /// <c>mqtt.port</c> (default 8883), <c>mqtt.tls</c> (<c>true</c> by default: the server's certificate must chain
    /// to the CA file beside this one; <c>false</c> only for a test ingestor on a trusted network),
    /// <c>sntp.server</c> (default pool.ntp.org), <c>config.signer</c> (the operator's address whose signature a decoder
    /// table from the cloud needs, shared/docs/config.md; without it the dongle applies poll templates only). An
    /// unknown name is an error, so a typo is named, not ignored.
    /// </summary>
    public sealed class ConnectionSettings
    {
        public const int DefaultTlsPort = 8883;
        public const string DefaultSntpServer = "pool.ntp.org";

        private ConnectionSettings()
        {
        }

        public string WifiSsid { get; private set; }
        public string WifiPassword { get; private set; }
        public string MqttHost { get; private set; }
        public int MqttPort { get; private set; }
        public bool MqttTls { get; private set; }
        public string SntpServer { get; private set; }

        /// <summary>The operator's 20-byte address that signs decoder tables in configs; null when not set (templates only).</summary>
        public byte[] ConfigSigner { get; private set; }

        /// <summary>Reads the file's text (<see cref="SettingsFile"/>); <see cref="SettingsFileException"/> names the line and what to fix.</summary>
        public static ConnectionSettings Parse(string text)
        {
            if (text == null)
            {
                throw new System.ArgumentNullException("text");
            }
            ConnectionSettings settings = new ConnectionSettings();
            settings.WifiPassword = "";
            settings.MqttPort = DefaultTlsPort;
            settings.MqttTls = true;
            settings.SntpServer = DefaultSntpServer;
            bool portGiven = false;
            SettingsFile file = SettingsFile.Parse(text);
            for (int i = 0; i < file.Count; i++)
            {
                string name = file.Name(i);
                string value = file.Value(i);
                if (string.Equals(name, "wifi.ssid"))
                {
                    settings.WifiSsid = value;
                }
                else if (string.Equals(name, "wifi.password"))
                {
                    settings.WifiPassword = value;
                }
                else if (string.Equals(name, "mqtt.host"))
                {
                    settings.MqttHost = value;
                }
                else if (string.Equals(name, "mqtt.port"))
                {
                    settings.MqttPort = (int)file.Number(i, 1, 65535);
                    portGiven = true;
                }
                else if (string.Equals(name, "mqtt.tls"))
                {
                    if (!string.Equals(value, "true") && !string.Equals(value, "false"))
                    {
                        throw new SettingsFileException(file.Line(i), "mqtt.tls is true or false");
                    }
                    settings.MqttTls = string.Equals(value, "true");
                }
                else if (string.Equals(name, "sntp.server"))
                {
                    settings.SntpServer = value;
                }
                else if (string.Equals(name, "config.signer"))
                {
                    settings.ConfigSigner = file.Address(i);
                }
                else
                {
                    throw new SettingsFileException(file.Line(i), "unknown setting '" + name + "' (known: wifi.ssid, wifi.password, mqtt.host, mqtt.port, mqtt.tls, sntp.server, config.signer)");
                }
            }
            if (settings.WifiSsid == null || settings.WifiSsid.Length == 0)
            {
                throw new SettingsFileException(0, "wifi.ssid is missing: add wifi.ssid=<your network>");
            }
            if (settings.MqttHost == null || settings.MqttHost.Length == 0)
            {
                throw new SettingsFileException(0, "mqtt.host is missing: add mqtt.host=<the ingestor's host name>");
            }
            if (!settings.MqttTls && !portGiven)
            {
                throw new SettingsFileException(0, "mqtt.tls=false needs mqtt.port (8883 is the TLS port)");
            }
            if (settings.SntpServer.Length == 0)
            {
                throw new SettingsFileException(0, "sntp.server is empty: remove the line for pool.ntp.org");
            }
            return settings;
        }
    }
}
