using Dimo.Core.DeviceContract;
using System.Collections.Concurrent;
using System.Net;
using Dimo.Core.Crypto;
using Dimo.Core.Dongle.Config;
using Dimo.Ingest.Tests.EndToEnd;
using Dimo.Mqtt.Auth;
using Dimo.Mqtt.Packets;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.Configs;

/// <summary>
/// The embedded server's retained messages live in memory: a config set while its vehicle had no device (or before a
/// restart) reaches the device when it subscribes to its config topic, as a retained message of the current version.
/// </summary>
public sealed class Config_is_published_when_its_device_subscribes : IAsyncLifetime
{
    private EmbeddedIngest _ingest = null!;

    public async Task InitializeAsync() => _ingest = await EmbeddedIngest.StartAsync();

    public async Task DisposeAsync() => await _ingest.DisposeAsync();

    [Fact]
    public async Task A_config_set_before_pairing_is_delivered_retained_at_the_devices_subscribe()
    {
        var device = PrivateKey.FromBytes(Convert.FromHexString("5151515151515151515151515151515151515151515151515151515151515151"));
        var vehicle = await _ingest.Registry.CreateVehicleAsync("1HGCM82633A004352");
        var update = await _ingest.Host.Configs.SetAsync(vehicle, "0C=2, vin=once", null, null);
        Assert.False(update.Published);

        var deviceNode = await _ingest.Registry.MintAsync(device);
        await _ingest.Registry.ClaimAsync(deviceNode, device);
        await _ingest.Registry.PairAsync(deviceNode, vehicle);
        var client = await _ingest.ConnectAsync(device, MqttProtocolVersion.V500);
        var received = new BlockingCollection<(string Topic, byte[] Payload)>();
        client.MessageReceived = m =>
        {
            received.Add((m.Topic, m.Payload.ToArray()));
            return ValueTask.CompletedTask;
        };
        var topic = DeviceTopics.Config(EthAddress.ToLowerString(device.Address));

        Assert.Equal(MqttReasonCode.GrantedQoS1, await client.SubscribeAsync(topic, MqttQualityOfService.AtLeastOnce));

        Assert.True(received.TryTake(out var message, TimeSpan.FromSeconds(20)), "no config arrived on " + topic);
        Assert.Equal(topic, message.Topic);
        var config = DeviceConfig.Decode(message.Payload);
        Assert.Equal(update.Config.Version, config.Version);
        Assert.Equal("0C=2, vin=once", config.TemplateText);
    }

    [Fact]
    public async Task Another_device_may_not_subscribe_to_a_config_topic_that_is_not_its_own()
    {
        var device = PrivateKey.FromBytes(Convert.FromHexString("5252525252525252525252525252525252525252525252525252525252525252"));
        await _ingest.Registry.AddPairedDeviceAsync(device, "1HGCM82633A004352");
        var client = await _ingest.ConnectAsync(device, MqttProtocolVersion.V500);

        var refused = await client.SubscribeAsync(DeviceTopics.Config(EthAddress.ToLowerString(Keys.Owner.Address)), MqttQualityOfService.AtLeastOnce);

        Assert.True(refused >= MqttReasonCode.UnspecifiedError, refused.ToString());
    }
}
