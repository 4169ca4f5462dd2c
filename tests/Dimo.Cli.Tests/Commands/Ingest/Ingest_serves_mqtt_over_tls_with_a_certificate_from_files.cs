using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Transport;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Ingest;

public sealed class Ingest_serves_mqtt_over_tls_with_a_certificate_from_files
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_client_trusting_the_certificate_reaches_the_mqtt_server_over_tls_and_one_that_does_not_is_turned_away()
    {
        using var dir = new TempDirectory();
        using var certificate = MqttServerCertificate.CreateSelfSigned();
        MqttServerCertificate.ExportPublicPem(certificate, dir.File("server.pem"));
        File.WriteAllText(dir.File("server.key"), certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());

        using var dimo = DimoProcess.Start("ingest", "--data-dir", dir.Path, "--mqtt-port", "0", "--http-port", "0",
            "--mqtt-tls-port", "0", "--mqtt-cert", dir.File("server.pem"), "--mqtt-key", dir.File("server.key"));
        var ports = JsonDocument.Parse((await dimo.ReadLineAsync(Patience))!).RootElement;
        var tls = new Uri("mqtts://127.0.0.1:" + ports.GetProperty("mqttTlsPort").GetInt32());

        // Over TLS the MQTT server answers: an anonymous client is refused in CONNACK, after the handshake.
        await using (var trusting = new MqttClient(new MqttClientOptions
                     {
                         Server = tls, Reconnect = MqttReconnectPolicy.Never,
                         TrustedServerCertificate = X509CertificateLoader.LoadCertificateFromFile(dir.File("server.pem")),
                     }))
        {
            var refusal = await Assert.ThrowsAsync<MqttClientException>(() => trusting.ConnectAsync());
            Assert.Equal(MqttReasonCode.BadUserNameOrPassword, refusal.ReasonCode);
        }
        await using (var distrusting = new MqttClient(new MqttClientOptions { Server = tls, Reconnect = MqttReconnectPolicy.Never }))
        {
            await Assert.ThrowsAsync<System.Security.Authentication.AuthenticationException>(() => distrusting.ConnectAsync());
        }

        Assert.Equal(0, await dimo.TerminateAsync(Patience));
    }

    [Fact]
    public async Task A_certificate_without_a_tls_port_is_a_usage_error()
    {
        using var dir = new TempDirectory();

        using var dimo = DimoProcess.Start("ingest", "--data-dir", dir.Path, "--mqtt-port", "0", "--http-port", "0", "--mqtt-cert", dir.File("server.pem"));

        Assert.Equal(2, await dimo.WaitForExitAsync(Patience));
        Assert.Contains("dimo: --mqtt-cert and --mqtt-key need --mqtt-tls-port", dimo.Errors);
    }
}
