using Dimo.Core.Crypto;
using Dimo.Core.Dongle;

namespace Dimo.Core.Tests.Dongle;

public class Connection_settings_are_read_from_the_device_file
{
    [Fact]
    public void A_full_file_with_comments_and_crlf_lines_is_read()
    {
        var settings = ConnectionSettings.Parse(
            "# my car's dongle\r\nwifi.ssid = Home Net\r\nwifi.password=p=ss word\r\n\r\nmqtt.host=ingest.example.org\r\nmqtt.port=18883\r\nsntp.server=time.example.org\r\n");

        Assert.Equal("Home Net", settings.WifiSsid);
        Assert.Equal("p=ss word", settings.WifiPassword);
        Assert.Equal("ingest.example.org", settings.MqttHost);
        Assert.Equal(18883, settings.MqttPort);
        Assert.True(settings.MqttTls);
        Assert.Equal("time.example.org", settings.SntpServer);
    }

    [Fact]
    public void Defaults_are_tls_on_8883_an_open_network_and_pool_ntp_org()
    {
        var settings = ConnectionSettings.Parse("wifi.ssid=cafe\nmqtt.host=10.0.0.2\n");

        Assert.Equal("", settings.WifiPassword);
        Assert.Equal(8883, settings.MqttPort);
        Assert.True(settings.MqttTls);
        Assert.Equal("pool.ntp.org", settings.SntpServer);
        Assert.Null(settings.ConfigSigner);
    }

    [Fact]
    public void The_config_signer_is_the_operators_address_in_any_accepted_casing()
    {
        var settings = ConnectionSettings.Parse("wifi.ssid=a\nmqtt.host=b\nconfig.signer=0x63FaC9201494f0bd17B9892B9fae4d52fe3BD377\n");

        Assert.Equal("0x63fac9201494f0bd17b9892b9fae4d52fe3bd377", EthAddress.ToLowerString(settings.ConfigSigner));
    }

    [Fact]
    public void Plain_mqtt_needs_its_port_spelled_out()
    {
        Assert.Contains("needs mqtt.port", Assert.Throws<SettingsFileException>(() => ConnectionSettings.Parse("wifi.ssid=a\nmqtt.host=b\nmqtt.tls=false\n")).Message);
        var plain = ConnectionSettings.Parse("wifi.ssid=a\nmqtt.host=b\nmqtt.tls=false\nmqtt.port=1883\n");
        Assert.False(plain.MqttTls);
        Assert.Equal(1883, plain.MqttPort);
    }

    [Theory]
    [InlineData("wifi.ssid=a\nmqtt.host=b\nmqtt.hots=c\n", 3, "unknown setting 'mqtt.hots'")]
    [InlineData("wifi.ssid=a\njust text\n", 2, "expected name=value")]
    [InlineData("wifi.ssid=a\nmqtt.host=b\nmqtt.port=70000\n", 3, "1 to 65535")]
    [InlineData("wifi.ssid=a\nmqtt.host=b\nmqtt.port=-1\n", 3, "1 to 65535")]
    [InlineData("wifi.ssid=a\nmqtt.host=b\nmqtt.tls=yes\n", 3, "true or false")]
    [InlineData("wifi.ssid=a\nmqtt.host=b\nwifi.ssid=c\n", 3, "wifi.ssid is already set on line 1")]
    [InlineData("wifi.ssid=a\nmqtt.host=b\nconfig.signer=0x1234\n", 3, "config.signer is an address")]
    [InlineData("mqtt.host=b\n", 0, "wifi.ssid is missing")]
    [InlineData("wifi.ssid=a\n", 0, "mqtt.host is missing")]
    public void A_faulty_file_is_refused_naming_the_line_and_the_fix(string text, int line, string message)
    {
        var error = Assert.Throws<SettingsFileException>(() => ConnectionSettings.Parse(text));

        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message);
        if (line > 0)
            Assert.StartsWith($"line {line}: ", error.Message);
    }
}
