using Dimo.Core.Crypto;
using Dimo.Ingest.Mqtt;
using Dimo.Ingest.Tests.Pipeline;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.Mqtt;

public sealed class Only_minted_unrevoked_devices_may_log_in
{
    [Fact]
    public async Task Minted_devices_are_known_strangers_revoked_devices_and_non_addresses_are_not()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var devices = new RegisteredDevices(harness.Registry);
        var minted = await harness.Registry.MintDeviceAsync(Keys.OtherDevice.Address, Keys.Manufacturer.Address, PipelineHarness.Now);

        Assert.True(await devices.IsRegisteredAsync(EthAddress.ToLowerString(Keys.Device.Address), CancellationToken.None));
        Assert.True(await devices.IsRegisteredAsync(EthAddress.ToLowerString(Keys.OtherDevice.Address), CancellationToken.None));
        Assert.False(await devices.IsRegisteredAsync(EthAddress.ToLowerString(Keys.Stranger.Address), CancellationToken.None));
        Assert.False(await devices.IsRegisteredAsync("not-an-address", CancellationToken.None));

        await harness.Registry.RevokeDeviceAsync(minted.Node, PipelineHarness.Now);
        Assert.False(await devices.IsRegisteredAsync(EthAddress.ToLowerString(Keys.OtherDevice.Address), CancellationToken.None));
    }
}
