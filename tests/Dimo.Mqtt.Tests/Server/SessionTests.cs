using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Tests.Server;

public sealed class SessionTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task A_second_connection_with_the_same_client_id_takes_over(MqttProtocolVersion version)
    {
        await using var server = TestServers.Anonymous();
        await using var first = await TestClient.ConnectAsync(server, "car-1", version);
        await using var second = await TestClient.ConnectAsync(server, "car-1", version);

        var disconnect = await first.ExpectClosedAsync();

        Assert.Equal(MqttReasonCode.Success, second.ConnAck.ReasonCode);
        if (version == MqttProtocolVersion.V500)
            Assert.Equal(MqttReasonCode.SessionTakenOver, disconnect?.ReasonCode);
        Assert.Equal(1, server.ConnectedClientCount);
        Assert.Equal(1, server.Counters.SessionsTakenOver);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Unacknowledged_messages_are_sent_again_with_dup_when_the_session_resumes(MqttProtocolVersion version)
    {
        await using var server = TestServers.Anonymous();
        Action<MqttConnectPacket> persistent = c => { c.CleanStart = false; c.SessionExpiryInterval = 300; };
        var subscriber = await TestClient.ConnectAsync(server, "sub", version, persistent);
        await subscriber.SubscribeAsync("a", MqttQualityOfService.ExactlyOnce);
        await using var publisher = await TestClient.ConnectAsync(server, "pub");

        await publisher.PublishAsync("a", "one", MqttQualityOfService.AtLeastOnce);
        await publisher.PublishAsync("a", "two", MqttQualityOfService.ExactlyOnce);
        var one = await subscriber.ReceivePublishAsync(acknowledge: false);
        var two = await subscriber.ReceivePublishAsync(acknowledge: false);
        await subscriber.DropAsync();

        await using var resumed = await TestClient.ConnectAsync(server, "sub", version, persistent);
        var again1 = await resumed.ReceivePublishAsync();
        var again2 = await resumed.ReceivePublishAsync();

        Assert.True(resumed.ConnAck.SessionPresent);
        Assert.Equal((one.PacketIdentifier, "one", true), (again1.PacketIdentifier, again1.Payload.Text(), again1.Duplicate));
        Assert.Equal((two.PacketIdentifier, "two", true), (again2.PacketIdentifier, again2.Payload.Text(), again2.Duplicate));
    }

    [Fact]
    public async Task Messages_still_in_flight_are_resent_in_the_order_they_were_first_sent()
    {
        await using var server = TestServers.Anonymous();
        Action<MqttConnectPacket> persistent = c => { c.CleanStart = false; c.SessionExpiryInterval = 300; };
        var subscriber = await TestClient.ConnectAsync(server, "sub", MqttProtocolVersion.V500, persistent);
        await subscriber.SubscribeAsync("a", MqttQualityOfService.AtLeastOnce);
        await using var publisher = await TestClient.ConnectAsync(server, "pub");
        var delivered = new List<MqttPublishPacket>();
        for (var i = 1; i <= 4; i++)
        {
            await publisher.PublishAsync("a", "m" + i);
            delivered.Add(await subscriber.ReceivePublishAsync(acknowledge: false));
        }
        // Acknowledging from the middle of the window frees places that later messages then take.
        await subscriber.SendAsync(new MqttPubAckPacket { PacketIdentifier = delivered[0].PacketIdentifier });
        await subscriber.SendAsync(new MqttPubAckPacket { PacketIdentifier = delivered[2].PacketIdentifier });
        await subscriber.SendAsync(MqttPingReqPacket.Instance);
        await subscriber.ReceiveAsync<MqttPingRespPacket>();
        for (var i = 5; i <= 6; i++)
        {
            await publisher.PublishAsync("a", "m" + i);
            await subscriber.ReceivePublishAsync(acknowledge: false);
        }
        await subscriber.DropAsync();

        await using var resumed = await TestClient.ConnectAsync(server, "sub", MqttProtocolVersion.V500, persistent);
        var resent = new List<string>();
        for (var i = 0; i < 4; i++)
            resent.Add((await resumed.ReceivePublishAsync()).Payload.Text());

        Assert.Equal(["m2", "m4", "m5", "m6"], resent);
    }

    [Fact]
    public async Task A_released_qos_2_message_resumes_with_pubrel_not_publish()
    {
        await using var server = TestServers.Anonymous();
        Action<MqttConnectPacket> persistent = c => { c.CleanStart = false; c.SessionExpiryInterval = 300; };
        var subscriber = await TestClient.ConnectAsync(server, "sub", configure: persistent);
        await subscriber.SubscribeAsync("a", MqttQualityOfService.ExactlyOnce);
        await using var publisher = await TestClient.ConnectAsync(server, "pub");
        await publisher.PublishAsync("a", "x", MqttQualityOfService.ExactlyOnce);
        var publish = await subscriber.ReceivePublishAsync(acknowledge: false);
        await subscriber.SendAsync(new MqttPubRecPacket { PacketIdentifier = publish.PacketIdentifier });
        await subscriber.ReceiveAsync<MqttPubRelPacket>();
        await subscriber.DropAsync();

        await using var resumed = await TestClient.ConnectAsync(server, "sub", configure: persistent);

        Assert.Equal(publish.PacketIdentifier, (await resumed.ReceiveAsync<MqttPubRelPacket>()).PacketIdentifier);
    }

    [Fact]
    public async Task Messages_published_while_a_persistent_client_is_away_wait_for_it()
    {
        await using var server = TestServers.Anonymous();
        var subscriber = await TestClient.ConnectAsync(server, "sub", MqttProtocolVersion.V311, c => c.CleanStart = false);
        await subscriber.SubscribeAsync("a");
        await subscriber.DisconnectAsync();
        await subscriber.DropAsync();
        await using var publisher = await TestClient.ConnectAsync(server, "pub");
        await publisher.PublishAsync("a", "while away");

        await using var back = await TestClient.ConnectAsync(server, "sub", MqttProtocolVersion.V311, c => c.CleanStart = false);

        Assert.True(back.ConnAck.SessionPresent);
        Assert.Equal("while away", (await back.ReceivePublishAsync()).Payload.Text());
    }

    [Fact]
    public async Task Clean_start_discards_the_old_session()
    {
        await using var server = TestServers.Anonymous();
        var subscriber = await TestClient.ConnectAsync(server, "sub", MqttProtocolVersion.V311, c => c.CleanStart = false);
        await subscriber.SubscribeAsync("a");
        await subscriber.DropAsync();

        await using var fresh = await TestClient.ConnectAsync(server, "sub", MqttProtocolVersion.V311, c => c.CleanStart = true);
        await using var publisher = await TestClient.ConnectAsync(server, "pub");
        await publisher.PublishAsync("a", "x");

        Assert.False(fresh.ConnAck.SessionPresent);
        await fresh.ExpectSilenceAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_session_expires_after_its_interval()
    {
        await using var server = TestServers.Anonymous();
        var client = await TestClient.ConnectAsync(server, "brief", configure: c => { c.CleanStart = false; c.SessionExpiryInterval = 1; });
        await client.DropAsync();
        var dropped = System.Diagnostics.Stopwatch.StartNew();
        Assert.True(server.HasSession("brief"));

        while (server.HasSession("brief") && dropped.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(20);

        Assert.False(server.HasSession("brief"));
        Assert.True(dropped.Elapsed >= TimeSpan.FromSeconds(0.9), $"expired after {dropped.Elapsed.TotalSeconds:F2} s");
        Assert.Equal(1, server.Counters.SessionsExpired);
    }

    [Fact]
    public async Task A_session_with_expiry_zero_ends_with_its_connection()
    {
        await using var server = TestServers.Anonymous();
        var client = await TestClient.ConnectAsync(server, "brief");

        await client.DropAsync();

        Assert.False(server.HasSession("brief"));
    }
}
