using Dimo.Core.Crypto;
using Dimo.Core.DeviceContract;
using Dimo.DeviceAuth;
using Dimo.Mqtt.Auth;
using Dimo.Testing.Devices;

namespace Dimo.DeviceAuth.Tests;

public sealed class DeviceTopicAuthorizerTests
{
    private static readonly string Alice = TestDevices.Alice.Address();
    private static readonly string Bob = TestDevices.Bob.Address();
    private readonly DeviceTopicAuthorizer _authorizer = new();

    private static MqttClientIdentity Device(string? address) => new("car", address, address, null);

    [Fact]
    public async Task Device_may_publish_to_its_own_batches_topic()
    {
        Assert.True(await _authorizer.CanPublishAsync(Device(Alice), DeviceTopics.Batches(Alice), CancellationToken.None));
        Assert.Equal(0, _authorizer.Counters.PublishDenied);
    }

    [Fact]
    public async Task Device_publishing_to_its_own_config_topic_is_denied_and_counted()
    {
        Assert.False(await _authorizer.CanPublishAsync(Device(Alice), DeviceTopics.Config(Alice), CancellationToken.None));
        Assert.Equal(1, _authorizer.Counters.PublishDenied);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("batches/42")]
    [InlineData("+")]
    [InlineData("#")]
    public async Task Device_publishing_to_any_other_topic_below_its_prefix_is_denied(string suffix)
    {
        Assert.False(await _authorizer.CanPublishAsync(Device(Alice), DeviceTopics.Prefix(Alice) + suffix, CancellationToken.None));
        Assert.Equal(1, _authorizer.Counters.PublishDenied);
    }

    [Fact]
    public async Task Publishing_to_another_devices_topic_is_denied_and_counted()
    {
        Assert.False(await _authorizer.CanPublishAsync(Device(Alice), DeviceTopics.Prefix(Bob) + "batches", CancellationToken.None));
        Assert.Equal(1, _authorizer.Counters.PublishDenied);
    }

    [Theory]
    [InlineData("dimo/v1/devices/")]
    [InlineData("dimo/v1/other")]
    [InlineData("$SYS/broker")]
    public async Task Publishing_outside_the_device_tree_is_denied(string topic)
    {
        Assert.False(await _authorizer.CanPublishAsync(Device(Alice), topic, CancellationToken.None));
        Assert.Equal(1, _authorizer.Counters.PublishDenied);
    }

    [Fact]
    public async Task Publishing_to_the_bare_prefix_or_a_lookalike_address_is_denied()
    {
        Assert.False(await _authorizer.CanPublishAsync(Device(Alice), DeviceTopics.Prefix(Alice), CancellationToken.None));
        Assert.False(await _authorizer.CanPublishAsync(Device(Alice), DeviceTopics.Root + Alice + "0/batches", CancellationToken.None));
        Assert.Equal(2, _authorizer.Counters.PublishDenied);
    }

    [Fact]
    public async Task Only_the_lowercase_batches_topic_of_a_canonical_identity_is_allowed()
    {
        var checksummed = EthAddress.ToChecksumString(EthAddress.Parse(Alice));
        Assert.NotEqual(Alice, checksummed);

        Assert.False(await _authorizer.CanPublishAsync(Device(Alice), DeviceTopics.Root + checksummed + "/batches", CancellationToken.None));
        Assert.False(await _authorizer.CanPublishAsync(Device(checksummed), DeviceTopics.Batches(Alice), CancellationToken.None));
        Assert.Equal(2, _authorizer.Counters.PublishDenied);
    }

    [Fact]
    public async Task Device_may_subscribe_to_its_own_config_topic_only()
    {
        Assert.True(await _authorizer.CanSubscribeAsync(Device(Alice), DeviceTopics.Config(Alice), CancellationToken.None));

        Assert.False(await _authorizer.CanSubscribeAsync(Device(Alice), DeviceTopics.Config(Bob), CancellationToken.None));
        Assert.False(await _authorizer.CanSubscribeAsync(Device(Alice), DeviceTopics.Prefix(Alice) + "#", CancellationToken.None));
        Assert.False(await _authorizer.CanSubscribeAsync(Device(Alice), "dimo/v1/devices/+/config", CancellationToken.None));
        Assert.False(await _authorizer.CanSubscribeAsync(Device(Alice), "$share/g/" + DeviceTopics.Config(Alice), CancellationToken.None));
        Assert.Equal(4, _authorizer.Counters.SubscribeDenied);
    }

    [Fact]
    public async Task Client_without_a_proven_device_identity_may_do_nothing()
    {
        Assert.False(await _authorizer.CanPublishAsync(Device(null), DeviceTopics.Prefix(Alice) + "batches", CancellationToken.None));
        Assert.False(await _authorizer.CanSubscribeAsync(Device(null), DeviceTopics.Config(Alice), CancellationToken.None));
        Assert.Equal(1, _authorizer.Counters.PublishDenied);
        Assert.Equal(1, _authorizer.Counters.SubscribeDenied);
    }
}
