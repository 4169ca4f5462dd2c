using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Ingest;

public class Ingest_prints_its_ports_serves_health_and_fails_in_one_line
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Ingest_prints_its_ports_as_one_json_line_serves_health_and_stops_cleanly_on_sigterm()
    {
        using var dir = new TempDirectory();
        using var dimo = DimoProcess.Start("ingest", "--data-dir", dir.Path, "--mqtt-port", "0", "--http-port", "0");

        var ports = JsonDocument.Parse((await dimo.ReadLineAsync(Patience))!).RootElement;
        Assert.Equal(["mqttPort", "httpPort"], ports.EnumerateObject().Select(p => p.Name));
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:" + ports.GetProperty("httpPort").GetInt32()) };
        using var health = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using (var mqtt = new TcpClient())
            await mqtt.ConnectAsync(IPAddress.Loopback, ports.GetProperty("mqttPort").GetInt32());
        Assert.NotEmpty(Directory.GetFiles(dir.Path)); // the SQLite database went where it was told

        Assert.Equal(0, await dimo.TerminateAsync(Patience));
        Assert.Empty(await dimo.ReadToEndAsync(Patience));
    }

    [Fact]
    public async Task A_taken_mqtt_port_fails_with_one_line_naming_mqtt_port_and_exit_1()
    {
        using var dir = new TempDirectory();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        using var dimo = DimoProcess.Start("ingest", "--data-dir", dir.Path, "--mqtt-port", port.ToString(), "--http-port", "0");

        Assert.Equal(1, await dimo.WaitForExitAsync(Patience));
        var line = Assert.Single(dimo.Errors.Split('\n'), l => l.StartsWith("dimo: "));
        Assert.StartsWith($"dimo: cannot listen on 127.0.0.1:{port} (--mqtt-port): ", line);
        Assert.DoesNotContain("http://", dimo.Errors); // Kestrel calls every listener http://, the MQTT one too
        Assert.DoesNotContain("   at ", dimo.Errors);
    }

    [Fact]
    public async Task A_development_key_that_is_no_key_fails_at_start_naming_its_source()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("dev.key"), "0x1234\n");

        using var dimo = DimoProcess.Start("ingest", "--data-dir", dir.Path, "--mqtt-port", "0", "--http-port", "0", "--dev-manufacturer-key-file", dir.File("dev.key"));

        Assert.Equal(1, await dimo.WaitForExitAsync(Patience));
        Assert.Contains("--dev-manufacturer-key-file", dimo.Errors);
        Assert.Contains("not a private key", dimo.Errors);
        Assert.DoesNotContain("1234", dimo.Errors.Replace(dir.Path, ""));
    }
}
