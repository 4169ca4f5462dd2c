using System.Net;
using System.Net.Sockets;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Usage;

/// <summary>Issue 19, item 5: a taken or impossible port is one line on stderr naming the option, never a stack trace.</summary>
public class Listen_failures_and_bad_ports_name_the_option
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("ingest --mqtt-port 99999", "--mqtt-port 99999 is not a TCP port")]
    [InlineData("ingest --http-port -1", "--http-port -1 is not a TCP port")]
    [InlineData("demo --mqtt-port 70000", "--mqtt-port 70000 is not a TCP port")]
    [InlineData("mqtt serve --allow-anonymous --port 65536", "--port 65536 is not a TCP port")]
    [InlineData("mqtt serve --allow-anonymous --tls-port 123456", "--tls-port 123456 is not a TCP port")]
    public void A_port_out_of_range_is_a_usage_error_naming_the_option(string commandLine, string message)
    {
        var run = DimoCli.Run(commandLine.Split(' '));

        Assert.Equal(2, run.Exit);
        Assert.StartsWith("dimo: " + message, run.Errors);
        Assert.Single(run.Errors.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Mqtt_serve_on_a_taken_port_prints_one_line_naming_port_and_nothing_on_stdout()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        using var dimo = DimoProcess.Start("mqtt", "serve", "--allow-anonymous", "--port", port.ToString());

        Assert.Equal(1, await dimo.WaitForExitAsync(Patience));
        Assert.Empty(await dimo.ReadToEndAsync(Patience));
        var errors = dimo.Errors.TrimEnd().Split('\n').Where(l => !l.StartsWith("warn:")).ToList();
        Assert.Equal($"dimo: cannot listen on 127.0.0.1:{port} (--port): address already in use; "
                     + "stop what uses that port or give another port (0 picks a free one)", Assert.Single(errors));
    }

    [Fact]
    public async Task Mqtt_serve_port_0_prints_the_port_it_chose_and_logs_only_on_stderr()
    {
        using var dimo = DimoProcess.Start("mqtt", "serve", "--allow-anonymous", "--port", "0");

        var line = await dimo.ReadLineAsync(Patience);

        Assert.Matches(@"^MQTT listening on 127\.0\.0\.1:[1-9][0-9]*, anonymous \(development only\)$", line);
        Assert.Contains("warn: Dimo.Mqtt.Server.MqttServer", dimo.Errors);
        Assert.Equal(0, await dimo.TerminateAsync(Patience));
        Assert.Empty(await dimo.ReadToEndAsync(Patience));
    }
}
