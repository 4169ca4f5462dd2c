using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Server;

namespace Dimo.Mqtt.Tests.Interop;

/// <summary>A retry-later outcome, end to end: our server drops the connection, our client comes back and resends.</summary>
public sealed class RetryLaterOverTcpTests
{
    /// <summary>Says retry-later to the first delivery, accepts every later one.</summary>
    private sealed class BusyOnceHandler : IInboundPublishHandler
    {
        private int _handled;

        public int Handled => Volatile.Read(ref _handled);

        public ValueTask<PublishOutcome> HandleAsync(InboundPublish message, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Interlocked.Increment(ref _handled) == 1 ? PublishOutcome.RetryLater : PublishOutcome.Accepted);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Message_answered_retry_later_is_resent_after_a_reconnect_and_acknowledged_once(MqttProtocolVersion version)
    {
        var server = new MqttServer(new MqttServerOptions { AllowAnonymous = true });
        var handler = new BusyOnceHandler();
        server.AddInboundHandler("dimo/v1/devices/+/batches", handler);
        await using var running = await RunningServer.StartAsync(server);
        var logins = 0;
        await using var device = new MqttClient(new MqttClientOptions
        {
            Server = new Uri("mqtt://127.0.0.1:" + running.TcpPort),
            ProtocolVersion = version,
            ClientId = "car-1",
            Credentials = _ => ValueTask.FromResult<MqttCredentials?>(new MqttCredentials("car-1", "token-" + Interlocked.Increment(ref logins))),
            Reconnect = new MqttReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(200) },
        });
        await device.ConnectAsync();

        var acknowledged = await device.PublishAsync("dimo/v1/devices/car-1/batches", new byte[] { 1, 2, 3 }, MqttQualityOfService.AtLeastOnce)
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(MqttReasonCode.Success, acknowledged);
        Assert.Equal(2, handler.Handled);
        Assert.Equal(2, logins);
        Assert.Equal(2, device.Connections);
        Assert.Equal(1, MqttServerCounters.Read(ref server.Counters.RetryLaterDisconnects));
        Assert.Equal(1, MqttServerCounters.Read(ref server.Counters.HandlerRetryLater));
    }
}
