using System.Text.Json;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Sim;

/// <summary>Issue 10: the two processes as a user runs them, <c>dimo ingest --mqtt-tls-port</c> and <c>dimo sim --ca</c>.</summary>
public class Sim_streams_over_tls_to_dimo_ingest_trusting_its_development_certificate
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_sim_trusting_dev_cert_pem_streams_acknowledged_batches_and_one_trusting_another_certificate_is_refused_naming_ca()
    {
        using var dir = new TempDirectory();
        using var ingest = DimoProcess.Start("ingest", "--dev", "--data-dir", dir.Path, "--mqtt-port", "0", "--http-port", "0", "--mqtt-tls-port", "0");
        var ports = JsonDocument.Parse((await ingest.ReadLineAsync(Patience))!).RootElement;
        var mqtts = "mqtts://127.0.0.1:" + ports.GetProperty("mqttTlsPort").GetInt32();
        var http = "http://127.0.0.1:" + ports.GetProperty("httpPort").GetInt32();
        var devCert = Path.Combine(dir.Path, "mqtt", "dev-cert.pem");

        var sim = DimoCli.RunProcess(["sim", "--devices", "2", "--mqtt", mqtts, "--ca", devCert, "--api", http, "--duration", "2", "--batch-interval", "0.5"]);

        Assert.True(sim.Exit == 0, sim.Errors);
        var summary = JsonDocument.Parse(sim.Line).RootElement;
        Assert.True(summary.GetProperty("batchesAcked").GetInt64() >= 2, sim.Line);
        Assert.Equal(summary.GetProperty("batchesPublished").GetInt64(), summary.GetProperty("batchesAcked").GetInt64());

        using var stranger = Dimo.Mqtt.Transport.MqttServerCertificate.CreateSelfSigned();
        Dimo.Mqtt.Transport.MqttServerCertificate.ExportPublicPem(stranger, dir.File("stranger.pem"));
        var refused = DimoCli.RunProcess(["sim", "--devices", "1", "--mqtt", mqtts, "--ca", dir.File("stranger.pem"), "--api", http, "--duration", "1"]);

        Assert.Equal(1, refused.Exit);
        var error = Assert.Single(refused.Errors.Split('\n'), l => l.StartsWith("dimo: "));
        Assert.Equal("dimo: --mqtt " + mqtts + "/: the server's TLS certificate does not chain to --ca " + dir.File("stranger.pem")
                     + "; give the CA that signed it (or the server's self-signed certificate) as --ca", error);
        Assert.DoesNotContain("paired with vehicle", refused.Errors);
        Assert.Equal(0, await ingest.TerminateAsync(Patience));
    }
}
