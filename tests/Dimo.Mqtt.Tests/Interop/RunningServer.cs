using System.Net;
using Dimo.Mqtt.Server;
using Dimo.Mqtt.Transport;
using Dimo.Testing;

namespace Dimo.Mqtt.Tests.Interop;

/// <summary>Our server on 127.0.0.1 with free TCP and TLS ports and a fresh self-signed certificate.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private RunningServer(TempDirectory directory, MqttServerHost host, int tcpPort, int tlsPort, string caFile)
    {
        _directory = directory;
        Host = host;
        TcpPort = tcpPort;
        TlsPort = tlsPort;
        CaFile = caFile;
    }

    public MqttServerHost Host { get; }
    public MqttServer Server => Host.Server;
    public int TcpPort { get; }
    public int TlsPort { get; }
    /// <summary>The server certificate as PEM, for mosquitto's --cafile.</summary>
    public string CaFile { get; }

    public static async Task<RunningServer> StartAsync(MqttServer? server = null)
    {
        server ??= new MqttServer(new MqttServerOptions { AllowAnonymous = true });
        var certificate = MqttServerCertificate.CreateSelfSigned();
        var tcp = FreeTcpPort.Next();
        var tls = FreeTcpPort.Next();
        var host = await MqttServerHost.StartAsync(server, new MqttListenerOptions
        {
            Address = IPAddress.Loopback,
            TcpPort = tcp,
            TlsPort = tls,
            Certificate = certificate,
        });
        var directory = new TempDirectory("dimo-mqtt");
        var caFile = directory.File("ca.pem");
        MqttServerCertificate.ExportPublicPem(certificate, caFile);
        return new RunningServer(directory, host, tcp, tls, caFile);
    }

    /// <summary>Waits until <paramref name="clientId"/> holds a subscription to <paramref name="filter"/>.</summary>
    public async Task WaitForSubscriptionAsync(string clientId, string filter)
    {
        for (var i = 0; i < 200; i++)
        {
            if (Server.SubscriptionsOf(clientId).Contains(filter))
                return;
            await Task.Delay(25);
        }
        Assert.Fail(clientId + " never subscribed to " + filter);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _directory.Dispose();
    }
}
