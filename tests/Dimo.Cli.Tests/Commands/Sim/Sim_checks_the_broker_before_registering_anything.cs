using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Sim;

/// <summary>
/// Issue 19, item 5: <c>sim</c> with a wrong <c>--mqtt</c> says so in one line before minting anything, and an HTTP
/// port given as the broker is named as such instead of "reserved flag bits of PubAck".
/// </summary>
public class Sim_checks_the_broker_before_registering_anything
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_closed_port_or_an_http_port_fails_in_one_line_and_leaves_the_registry_empty()
    {
        using var dir = new TempDirectory();
        using var ingest = DimoProcess.Start("ingest", "--dev", "--data-dir", dir.Path, "--mqtt-port", "0", "--http-port", "0");
        var ports = JsonDocument.Parse((await ingest.ReadLineAsync(Patience))!).RootElement;
        var api = "http://127.0.0.1:" + ports.GetProperty("httpPort").GetInt32();
        int closed;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closed = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var toClosed = DimoCli.Run("sim", "--mqtt", "mqtt://127.0.0.1:" + closed, "--api", api, "--duration", "1");
        var toHttp = DimoCli.Run("sim", "--mqtt", "mqtt://127.0.0.1:" + ports.GetProperty("httpPort").GetInt32(), "--api", api, "--duration", "1");

        Assert.Equal(1, toClosed.Exit);
        Assert.StartsWith($"dimo: --mqtt mqtt://127.0.0.1:{closed}/: no broker answers", toClosed.Errors);
        Assert.Contains("nothing was registered", toClosed.Errors);
        Assert.Equal(1, toHttp.Exit);
        Assert.Contains("did not answer as an MQTT broker", toHttp.Errors);
        Assert.Contains("not its HTTP port", toHttp.Errors);
        Assert.DoesNotContain("\n", toHttp.Errors.TrimEnd());
        using var http = new HttpClient { BaseAddress = new Uri(api) };
        using var device = await http.GetAsync("/api/devices/1");
        Assert.Equal(HttpStatusCode.NotFound, device.StatusCode);
        Assert.Equal(0, await ingest.TerminateAsync(Patience));
    }
}
