using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Tests.Client;

namespace Dimo.Mqtt.Tests.Interop;

/// <summary>A client that publishes and leaves at once (as mosquitto_pub does) over real TCP.</summary>
public sealed class ClientLeavingOverTcpTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Qos_0_publish_followed_at_once_by_disconnect_and_close_is_still_delivered(MqttProtocolVersion version)
    {
        // Kestrel signals the connection closed as soon as the client's FIN arrives, which used to cancel the
        // handling of a publish still buffered behind it.
        await using var running = await RunningServer.StartAsync();
        var server = new Uri("mqtt://127.0.0.1:" + running.TcpPort);
        await using var subscriber = new MqttClient(new MqttClientOptions { Server = server, ClientId = "watcher", ProtocolVersion = MqttProtocolVersion.V500 });
        var inbox = new MessageInbox(subscriber);
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync("cars/#", MqttQualityOfService.AtLeastOnce);

        const int publishers = 20;
        for (var i = 0; i < publishers; i++)
        {
            await using var publisher = new MqttClient(new MqttClientOptions { Server = server, ProtocolVersion = version, Reconnect = MqttReconnectPolicy.Never });
            await publisher.ConnectAsync();
            await publisher.PublishAsync("cars/" + i, System.Text.Encoding.UTF8.GetBytes(i.ToString()), MqttQualityOfService.AtMostOnce);
            await publisher.DisconnectAsync();
        }

        var received = new List<string>();
        for (var i = 0; i < publishers; i++)
            received.Add(MessageInbox.Text(await inbox.NextAsync()));
        // Each publisher's message once; across clients MQTT promises no order (each connection is handled on its own).
        Assert.Equal(Enumerable.Range(0, publishers).Select(i => i.ToString()).Order(), received.Order());
        Assert.True(await inbox.StaysEmptyAsync(TimeSpan.FromMilliseconds(100)));
    }
}
