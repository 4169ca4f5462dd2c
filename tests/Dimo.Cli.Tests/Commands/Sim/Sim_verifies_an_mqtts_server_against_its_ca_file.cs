using System.Text.Json;
using Dimo.Cli.Commands;
using Dimo.Core.Crypto;
using Dimo.Ingest.Hosting;
using Dimo.Mqtt.Transport;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Sim;

public class Sim_verifies_an_mqtts_server_against_its_ca_file
{
    [Fact]
    public async Task Dongles_trusting_the_servers_certificate_stream_acknowledged_batches_over_tls()
    {
        using var directory = new TempDirectory("dimo-sim-tls");
        using var certificate = MqttServerCertificate.CreateSelfSigned();
        MqttServerCertificate.ExportPublicPem(certificate, directory.File("ca.pem"));
        await using var host = await StartTlsHostAsync(directory, certificate);
        var output = new StringWriter();

        int exit = await SimCommand.RunAsync(new SimCommand.SimSettings(2, "mqtts://127.0.0.1:" + host.MqttTlsPort, host.HttpBaseAddress.ToString(),
            null, null, DurationSeconds: 2.5, BatchIntervalSeconds: 0.5, Ca: new FileInfo(directory.File("ca.pem"))), output, TextWriter.Null, CancellationToken.None);

        Assert.Equal(0, exit);
        var summary = JsonDocument.Parse(output.ToString().Trim()).RootElement;
        Assert.True(summary.GetProperty("batchesAcked").GetInt64() >= 2, output.ToString());
        Assert.Equal(summary.GetProperty("batchesPublished").GetInt64(), summary.GetProperty("batchesAcked").GetInt64());
        var stored = host.Pipeline.Stats.Snapshot();
        Assert.Equal(summary.GetProperty("batchesAcked").GetInt64(), stored.BatchesAccepted + stored.Duplicates);
        Assert.Equal(0, stored.Rejected.Values.Sum());
    }

    [Fact]
    public async Task A_server_whose_certificate_is_not_from_the_ca_file_is_refused_in_one_line_naming_ca_before_anything_is_registered()
    {
        using var directory = new TempDirectory("dimo-sim-tls");
        using var certificate = MqttServerCertificate.CreateSelfSigned();
        using var stranger = MqttServerCertificate.CreateSelfSigned();
        MqttServerCertificate.ExportPublicPem(stranger, directory.File("other-ca.pem"));
        await using var host = await StartTlsHostAsync(directory, certificate);

        var error = await Assert.ThrowsAsync<CliException>(() => SimCommand.RunAsync(new SimCommand.SimSettings(1,
            "mqtts://127.0.0.1:" + host.MqttTlsPort, host.HttpBaseAddress.ToString(), null, null, DurationSeconds: 1, BatchIntervalSeconds: 0.5,
            Ca: new FileInfo(directory.File("other-ca.pem"))), TextWriter.Null, TextWriter.Null, CancellationToken.None));

        Assert.Contains("does not chain to --ca " + directory.File("other-ca.pem"), error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(0, host.Pipeline.Stats.Snapshot().BatchesAccepted);
    }

    [Fact]
    public async Task A_ca_file_without_a_certificate_or_with_a_plain_mqtt_url_is_an_error_naming_ca()
    {
        using var directory = new TempDirectory("dimo-sim-tls");
        File.WriteAllText(directory.File("empty.pem"), "not a certificate\n");

        var empty = await Assert.ThrowsAsync<CliException>(() => SimCommand.RunAsync(new SimCommand.SimSettings(1, "mqtts://127.0.0.1:1", null, null, null,
            1, 1, Ca: new FileInfo(directory.File("empty.pem"))), TextWriter.Null, TextWriter.Null, CancellationToken.None));
        var plain = await Assert.ThrowsAsync<CliException>(() => SimCommand.RunAsync(new SimCommand.SimSettings(1, "mqtt://127.0.0.1:1", null, null, null,
            1, 1, Ca: new FileInfo(directory.File("empty.pem"))), TextWriter.Null, TextWriter.Null, CancellationToken.None));

        Assert.Contains("--ca " + directory.File("empty.pem") + ": no PEM certificate", empty.Message);
        Assert.Contains("--ca verifies a TLS server: give an mqtts:// URL", plain.Message);
        Assert.Equal(CliRunner.UsageError, plain.ExitCode);
    }

    private static Task<IngestHost> StartTlsHostAsync(TempDirectory directory, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) =>
        IngestHost.StartAsync(new IngestHostOptions
        {
            DataDirectory = directory.Path,
            HttpPort = 0,
            MqttTlsPort = 0,
            MqttCertificate = certificate,
            DevelopmentManufacturerKey = Hex.Encode(PrivateKey.Generate(new Sim_streams_provisioned_dongles_and_prints_a_summary.FixedEntropy()).ToBytes()),
        });
}
