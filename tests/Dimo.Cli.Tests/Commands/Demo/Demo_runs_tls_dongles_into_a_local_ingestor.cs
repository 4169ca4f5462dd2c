using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using System.Text.Json;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Demo;

public class Demo_runs_tls_dongles_into_a_local_ingestor
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_five_second_demo_prints_where_it_listens_and_its_certificates_fingerprint_and_its_tls_dongles_end_with_accepted_batches()
    {
        using var dir = new TempDirectory("dimo-demo");
        using var dimo = DimoProcess.Start("demo", "--duration", "5", "--data-dir", dir.Path);

        var lines = await dimo.ReadToEndAsync(Patience);
        Assert.Equal(0, await dimo.WaitForExitAsync(Patience));

        Assert.Matches("^Dashboard  http://127.0.0.1:[0-9]+/login#token=[A-Za-z0-9_-]{43}$", lines[0]);
        Assert.StartsWith("MQTT   mqtt://127.0.0.1:", lines[1]);
        var pem = Path.Combine(Path.GetFullPath(dir.Path), "mqtt", "dev-cert.pem");
        using (var certificate = X509CertificateLoader.LoadCertificateFromFile(pem))
        {
            string fingerprint = string.Join(':', certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2")));
            Assert.Matches("^MQTTS  mqtts://127.0.0.1:[0-9]+  SHA-256 " + fingerprint + "  \\(development certificate " + Regex.Escape(pem) + "\\)$", lines[2]);
        }
        Assert.StartsWith("HTTP   http://127.0.0.1:", lines[3]);
        Assert.Matches("^Stats  http://127.0.0.1:[0-9]+/api/stats$", lines[4]);
        var summary = JsonDocument.Parse(lines[^1]).RootElement;
        Assert.Equal(3, summary.GetProperty("devices").GetInt32());
        Assert.True(summary.GetProperty("batchesAccepted").GetInt64() > 0, lines[^1]);
        Assert.Equal(0, summary.GetProperty("rejected").GetInt64());
        Assert.Equal(summary.GetProperty("batchesAcked").GetInt64(),
            summary.GetProperty("batchesAccepted").GetInt64() + summary.GetProperty("duplicates").GetInt64());
        Assert.Equal(summary.GetProperty("readings").GetInt64(), summary.GetProperty("readingsStored").GetInt64());
        Assert.Contains("ingest:", dimo.Errors);
        Assert.Contains("demo: stops after 5 s, or earlier on Ctrl+C", dimo.Errors);
        Assert.True(File.Exists(Path.Combine(dir.Path, "dev-manufacturer.key")));
    }
}
