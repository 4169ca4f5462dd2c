using System.Net;
using Dimo.Mqtt.Auth;
using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Server;

namespace Dimo.Mqtt.Tests.Server;

public sealed class LimitsTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311, MqttReasonCode.ServerUnavailable)]
    [InlineData(MqttProtocolVersion.V500, MqttReasonCode.QuotaExceeded)]
    public async Task Connections_per_ip_address_are_limited(MqttProtocolVersion version, MqttReasonCode expected)
    {
        await using var server = TestServers.Anonymous(o => o.MaxConnectionsPerIp = 2);
        var address = new IPEndPoint(IPAddress.Parse("127.0.0.7"), 5000);
        await using var first = await TestClient.ConnectAsync(server, "a", version, remote: address);
        await using var second = await TestClient.ConnectAsync(server, "b", version, remote: address);
        await using var third = await TestClient.ConnectAsync(server, "c", version, remote: address);
        await using var elsewhere = await TestClient.ConnectAsync(server, "d", version, remote: new IPEndPoint(IPAddress.Parse("127.0.0.8"), 5000));

        Assert.Equal(expected, third.ConnAck.ReasonCode);
        Assert.Equal(MqttReasonCode.Success, elsewhere.ConnAck.ReasonCode);
        Assert.Equal(1, server.Counters.ConnectionLimitRefused);

        await first.DropAsync();
        await using var again = await TestClient.ConnectAsync(server, "e", version, remote: address);
        Assert.Equal(MqttReasonCode.Success, again.ConnAck.ReasonCode);
    }

    [Fact]
    public async Task A_topic_longer_than_the_limit_is_refused()
    {
        await using var server = TestServers.Anonymous(o => o.MaxTopicLength = 16);
        await using var client = await TestClient.ConnectAsync(server, "c");

        var subAck = await client.SubscribeAsync("this/filter/is/too/long");
        await client.SendAsync(new MqttPublishPacket { Topic = "this/topic/is/too/long", Payload = "x"u8.ToArray() });

        Assert.Equal(MqttReasonCode.TopicFilterInvalid, subAck.ReasonCodes.Single());
        Assert.Equal(MqttReasonCode.TopicNameInvalid, (await client.ExpectClosedAsync())?.ReasonCode);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311, MqttReasonCode.Success, MqttReasonCode.UnspecifiedError)]
    [InlineData(MqttProtocolVersion.V500, MqttReasonCode.NotAuthorized, MqttReasonCode.NotAuthorized)]
    public async Task The_authorizer_refuses_topics_and_refusals_are_counted(MqttProtocolVersion version, MqttReasonCode pubAck, MqttReasonCode subAck)
    {
        await using var server = new MqttServer(new MqttServerOptions(), new AnyoneAuthenticator(), new OwnTopicsOnly());
        await using var watcher = await TestClient.ConnectAsync(server, "watcher");
        await watcher.SubscribeAsync("devices/#");
        await using var car = await TestClient.ConnectAsync(server, "car-1", version);

        var ownSubscription = await car.SubscribeAsync("devices/car-1/commands");
        var foreignSubscription = await car.SubscribeAsync("devices/car-2/commands");
        await car.SendAsync(new MqttPublishPacket { Topic = "devices/car-2/batches", QualityOfService = MqttQualityOfService.AtLeastOnce, PacketIdentifier = 1 });
        var refusedAck = await car.ReceiveAsync<MqttPubAckPacket>();

        Assert.Equal(MqttReasonCode.GrantedQoS1, ownSubscription.ReasonCodes.Single());
        Assert.Equal(subAck, foreignSubscription.ReasonCodes.Single());
        Assert.Equal(pubAck, refusedAck.ReasonCode);
        await watcher.ExpectSilenceAsync(TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, server.Counters.PublishRefused);
        Assert.Equal(1, server.Counters.SubscribeRefused);
    }

    [Fact]
    public async Task A_will_on_a_topic_the_client_may_not_publish_to_refuses_the_connection()
    {
        await using var server = new MqttServer(new MqttServerOptions(), new AnyoneAuthenticator(), new OwnTopicsOnly());

        await using var car = await TestClient.ConnectAsync(server, "car-1", configure: c =>
            c.Will = new MqttWillMessage { Topic = "devices/car-2/status", Payload = "x"u8.ToArray() });

        Assert.Equal(MqttReasonCode.NotAuthorized, car.ConnAck.ReasonCode);
        Assert.Equal(1, server.Counters.PublishRefused);
    }

    private sealed class AnyoneAuthenticator : IMqttAuthenticator
    {
        public ValueTask<MqttAuthenticationResult> AuthenticateAsync(MqttAuthenticationRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(MqttAuthenticationResult.Accept(request.ClientId));
    }

    /// <summary>A client may use devices/{its id}/... only; the watcher may read everything.</summary>
    private sealed class OwnTopicsOnly : IMqttAuthorizer
    {
        public ValueTask<bool> CanPublishAsync(MqttClientIdentity client, string topic, CancellationToken cancellationToken) =>
            ValueTask.FromResult(topic.StartsWith("devices/" + client.Identity + "/", StringComparison.Ordinal));

        public ValueTask<bool> CanSubscribeAsync(MqttClientIdentity client, string filter, CancellationToken cancellationToken) =>
            ValueTask.FromResult(client.Identity == "watcher" || filter.StartsWith("devices/" + client.Identity + "/", StringComparison.Ordinal));
    }
}
