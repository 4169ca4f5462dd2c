using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dimo.Mqtt.Server;

/// <summary>Runs an <see cref="MqttServer"/> on Kestrel TCP and TLS listeners, on its own.</summary>
public sealed class MqttServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MqttServerHost(WebApplication app, MqttServer server)
    {
        _app = app;
        Server = server;
    }

    public MqttServer Server { get; }

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
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (listeners.TcpPort is { } tcp)
                kestrel.Listen(listeners.Address, tcp, listen => listen.UseMqtt(server));
            if (listeners.TlsPort is { } tls)
                kestrel.Listen(listeners.Address, tls, listen =>
                {
                    listen.UseHttps(listeners.Certificate!);
                    listen.UseMqtt(server);
                });
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        await app.StartAsync(cancellationToken);
        return new MqttServerHost(app, server);
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
