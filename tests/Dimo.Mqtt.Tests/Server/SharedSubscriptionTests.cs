using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Tests.Server;

public sealed class SharedSubscriptionTests
{
    [Fact]
    public async Task A_shared_group_takes_turns_and_each_message_goes_to_one_member()
    {
        await using var server = TestServers.Anonymous();
        await using var worker1 = await TestClient.ConnectAsync(server, "w1");
        await using var worker2 = await TestClient.ConnectAsync(server, "w2");
        await using var plain = await TestClient.ConnectAsync(server, "plain");
        await worker1.SubscribeAsync("$share/ingest/devices/+/batches");
        await worker2.SubscribeAsync("$share/ingest/devices/+/batches");
        await plain.SubscribeAsync("devices/#");
        await using var device = await TestClient.ConnectAsync(server, "car");

        for (var i = 0; i < 4; i++)
            await device.PublishAsync("devices/car/batches", i.ToString());

        var one = new[] { await worker1.ReceivePublishAsync(), await worker1.ReceivePublishAsync() }.Select(p => p.Payload.Text());
        var two = new[] { await worker2.ReceivePublishAsync(), await worker2.ReceivePublishAsync() }.Select(p => p.Payload.Text());
        Assert.Equal(["0", "1", "2", "3"], one.Concat(two).Order());
        await worker1.ExpectSilenceAsync(TimeSpan.FromMilliseconds(150));
        await worker2.ExpectSilenceAsync(TimeSpan.FromMilliseconds(150));
        for (var i = 0; i < 4; i++)
            Assert.Equal(i.ToString(), (await plain.ReceivePublishAsync()).Payload.Text());
    }

    [Fact]
    public async Task A_shared_subscription_gets_no_retained_messages()
    {
        await using var server = TestServers.Anonymous();
        await using var publisher = await TestClient.ConnectAsync(server, "pub");
        await publisher.PublishAsync("a", "kept", retain: true);
        await using var worker = await TestClient.ConnectAsync(server, "w");

        await worker.SubscribeAsync("$share/g/a");

        await worker.ExpectSilenceAsync(TimeSpan.FromMilliseconds(200));
    }
}
