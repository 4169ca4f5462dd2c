using System.Collections.Concurrent;
using Dimo.Core.Crypto;
using Dimo.Core.DeviceContract;
using Dimo.Core.Dongle.Config;
using Dimo.Ingest.Tests.EndToEnd;

namespace Dimo.Ingest.Tests.Configs;

/// <summary>
/// A vehicle's stored config goes out the moment a device is paired with it, retained on that device's config topic,
/// without waiting for the device to (re)subscribe.
/// </summary>
public sealed class Config_is_published_when_its_vehicle_is_paired : IAsyncLifetime
{
    private EmbeddedIngest _ingest = null!;

    public async Task InitializeAsync() => _ingest = await EmbeddedIngest.StartAsync();

    public async Task DisposeAsync() => await _ingest.DisposeAsync();

    private ConcurrentQueue<(string Topic, byte[] Payload)> RecordPublishes()
    {
        var published = new ConcurrentQueue<(string Topic, byte[] Payload)>();
        var publish = _ingest.Host.Configs.Publish!;
        _ingest.Host.Configs.Publish = (topic, payload, ct) =>
        {
            published.Enqueue((topic, payload));
            return publish(topic, payload, ct);
        };
        return published;
    }

    [Fact]
    public async Task Pairing_publishes_the_vehicles_stored_config_to_the_device_at_once()
    {
        var device = PrivateKey.FromBytes(Convert.FromHexString("5353535353535353535353535353535353535353535353535353535353535353"));
        var vehicle = await _ingest.Registry.CreateVehicleAsync("1HGCM82633A004352");
        var update = await _ingest.Host.Configs.SetAsync(vehicle, "0C=3, vin=once", null, null);
        var deviceNode = await _ingest.Registry.MintAsync(device);
        await _ingest.Registry.ClaimAsync(deviceNode, device);
        var published = RecordPublishes();

        await _ingest.Registry.PairAsync(deviceNode, vehicle);

        // No device has connected, let alone subscribed: the pairing itself published.
        var (topic, payload) = Assert.Single(published);
        Assert.Equal(DeviceTopics.Config(EthAddress.ToLowerString(device.Address)), topic);
        var config = DeviceConfig.Decode(payload);
        Assert.Equal(update.Config.Version, config.Version);
        Assert.Equal("0C=3, vin=once", config.TemplateText);
    }
}
