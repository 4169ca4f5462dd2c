using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dimo.Mqtt.Server;

/// <summary>Runs an <see cref="MqttServer"/> on Kestrel TCP and TLS listeners, on its own.</summary>
public sealed class MqttServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MqttServerHost(WebApplication app, MqttServer server, int? tcpPort, int? tlsPort)
    {
        _app = app;
        Server = server;
        TcpPort = tcpPort;
        TlsPort = tlsPort;
    }

    public MqttServer Server { get; }

    /// <summary>The plain TCP port listened on (the chosen one when the options asked for 0), or null.</summary>
    public int? TcpPort { get; }

    /// <summary>The TLS port listened on (the chosen one when the options asked for 0), or null.</summary>
    public int? TlsPort { get; }

    public static async Task<MqttServerHost> StartAsync(MqttServer server, MqttListenerOptions listeners,
        Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        if (listeners.TcpPort == null && listeners.TlsPort == null)
            throw new ArgumentException("no port to listen on", nameof(listeners));
        if (listeners.TlsPort != null && listeners.Certificate == null)
            throw new ArgumentException("a TLS port needs a certificate", nameof(listeners));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        // Kestrel's startup lines speak of http:// and https:// addresses, which mislead on MQTT listeners.
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.WebHost.UseSockets(sockets =>
        {
            // The MQTT connection code never blocks a thread (it only awaits), so socket completions may run it
            // directly instead of queueing each one to the thread pool: one thread hand-over less per read and send.
            sockets.UnsafePreferInlineScheduling = true;
        });
        ListenOptions? tcpListener = null, tlsListener = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (listeners.TcpPort is { } tcp)
                kestrel.Listen(listeners.Address, tcp, listen => tcpListener = listen.UseMqtt(server));
            if (listeners.TlsPort is { } tls)
                kestrel.Listen(listeners.Address, tls, listen => tlsListener = listen.UseMqttOverTls(server, listeners.Certificate!));
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        // Kestrel writes the bound port back into the endpoint when asked for port 0.
        return new MqttServerHost(app, server, tcpListener?.IPEndPoint!.Port, tlsListener?.IPEndPoint!.Port);
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
