namespace Dimo.Core.Dongle
{
    /// <summary>
    /// What the dongle needs to reach its ingestor, read from a small text file the owner puts on the device
    /// (<c>I:\dimo-connection.conf</c>, deployed with <c>nanoff --filedeployment</c>; see firmware/README.md): one
    /// <c>name=value</c> per line, <c>#</c> starts a comment line, blank lines are ignored. Names:
    /// <c>wifi.ssid</c> and <c>mqtt.host</c> (required), <c>wifi.password</c> (empty for an open network),
    /// <c>mqtt.port</c> (default 8883), <c>mqtt.tls</c> (<c>true</c> by default: the server's certificate must chain
    /// to the CA file beside this one; <c>false</c> only for a test ingestor on a trusted network),
    /// <c>sntp.server</c> (default pool.ntp.org). An unknown name is an error, so a typo is named, not ignored.
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

        /// <summary>Reads the file's text; <see cref="ConnectionSettingsException"/> names the line and what to fix.</summary>
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
            string[] lines = text.Split(new char[] { '\n' });
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }
                int equals = line.IndexOf('=');
                if (equals <= 0)
                {
                    throw new ConnectionSettingsException(i + 1, "expected name=value");
                }
                string name = line.Substring(0, equals).Trim();
                string value = line.Substring(equals + 1).Trim();
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
                    settings.MqttPort = ParsePort(value, i + 1);
                    portGiven = true;
                }
                else if (string.Equals(name, "mqtt.tls"))
                {
                    if (!string.Equals(value, "true") && !string.Equals(value, "false"))
                    {
                        throw new ConnectionSettingsException(i + 1, "mqtt.tls is true or false");
                    }
                    settings.MqttTls = string.Equals(value, "true");
                }
                else if (string.Equals(name, "sntp.server"))
                {
                    settings.SntpServer = value;
                }
                else
                {
                    throw new ConnectionSettingsException(i + 1, "unknown setting '" + name + "' (known: wifi.ssid, wifi.password, mqtt.host, mqtt.port, mqtt.tls, sntp.server)");
                }
            }
            if (settings.WifiSsid == null || settings.WifiSsid.Length == 0)
            {
                throw new ConnectionSettingsException(0, "wifi.ssid is missing: add wifi.ssid=<your network>");
            }
            if (settings.MqttHost == null || settings.MqttHost.Length == 0)
            {
                throw new ConnectionSettingsException(0, "mqtt.host is missing: add mqtt.host=<the ingestor's host name>");
            }
            if (!settings.MqttTls && !portGiven)
            {
                throw new ConnectionSettingsException(0, "mqtt.tls=false needs mqtt.port (8883 is the TLS port)");
            }
            if (settings.SntpServer.Length == 0)
            {
                throw new ConnectionSettingsException(0, "sntp.server is empty: remove the line for pool.ntp.org");
            }
            return settings;
        }

        private static int ParsePort(string value, int line)
        {
            int port = 0;
            if (value.Length == 0 || value.Length > 5)
            {
                throw new ConnectionSettingsException(line, "mqtt.port is a number from 1 to 65535");
            }
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c < '0' || c > '9')
                {
                    throw new ConnectionSettingsException(line, "mqtt.port is a number from 1 to 65535");
                }
                port = port * 10 + (c - '0');
            }
            if (port < 1 || port > 65535)
            {
                throw new ConnectionSettingsException(line, "mqtt.port is a number from 1 to 65535");
            }
            return port;
        }
    }
}
