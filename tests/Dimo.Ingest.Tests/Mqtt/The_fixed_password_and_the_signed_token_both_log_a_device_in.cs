using Dimo.Core.DeviceContract;
using Dimo.Core.Crypto;
using Dimo.Ingest.Registry.Passwords;
using Dimo.Ingest.Tests.EndToEnd;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.Mqtt;

/// <summary>
/// The embedded endpoint checks the credential a broker checks (the fixed <see cref="DevicePassword"/>) and still the
/// signed, time-limited <see cref="DeviceLoginToken"/>. A fixed password registers itself at the device's first login.
/// </summary>
public sealed class The_fixed_password_and_the_signed_token_both_log_a_device_in
{
    [Fact]
    public async Task A_device_logs_in_with_either_and_its_first_fixed_login_registers_the_password()
    {
        await using var ingest = await EmbeddedIngest.StartAsync();
        await ingest.Registry.MintAsync(Keys.Device);

        Assert.Equal(MqttReasonCode.Success, await LoginAsync(ingest, Keys.Device, DevicePassword.Create(Keys.Device, 0)));
        Assert.Equal(MqttReasonCode.Success, await LoginAsync(ingest, Keys.Device, DevicePassword.Create(Keys.Device, 0)));
        Assert.Equal(MqttReasonCode.Success, await LoginAsync(ingest, Keys.Device,
            DeviceLoginToken.Create(Keys.Device, DateTimeOffset.UtcNow.ToUnixTimeSeconds())));

        var registered = await ingest.Host.DevicePasswords.Store.FindAsync(Keys.Device.Address);
        Assert.Equal(DevicePassword.Create(Keys.Device, 0), registered!.Password);
    }

    [Fact]
    public async Task A_rotated_away_generation_a_forged_password_and_an_unminted_device_are_refused()
    {
        await using var ingest = await EmbeddedIngest.StartAsync();
        await ingest.Registry.MintAsync(Keys.Device);

        Assert.Equal(MqttReasonCode.Success, await LoginAsync(ingest, Keys.Device, DevicePassword.Create(Keys.Device, 1)));
        Assert.Equal(MqttReasonCode.BadUserNameOrPassword, await LoginAsync(ingest, Keys.Device, DevicePassword.Create(Keys.Device, 0)));
        Assert.Equal(MqttReasonCode.BadUserNameOrPassword, await LoginAsync(ingest, Keys.Device, DevicePassword.Create(Keys.Stranger, 2)));
        Assert.Equal(MqttReasonCode.BadUserNameOrPassword, await LoginAsync(ingest, Keys.Device, "pw1:2:0xnothex"));
        Assert.Equal(MqttReasonCode.NotAuthorized, await LoginAsync(ingest, Keys.Stranger, DevicePassword.Create(Keys.Stranger, 0)));

        var check = await ingest.Host.DevicePasswords.RegisterAsync(Keys.Device.Address, DevicePassword.Create(Keys.Device, 0));
        Assert.Equal(DevicePasswordVerdict.Superseded, check.Verdict);
        Assert.Equal(1, (await ingest.Host.DevicePasswords.Store.FindAsync(Keys.Device.Address))!.Generation);
    }

    private static async Task<MqttReasonCode> LoginAsync(EmbeddedIngest ingest, PrivateKey device, string password)
    {
        await using var client = new MqttClient(new MqttClientOptions
        {
            Server = new Uri("mqtt://127.0.0.1:" + ingest.Host.MqttPort),
            ProtocolVersion = MqttProtocolVersion.V500,
            ClientId = EmbeddedIngest.Address(device),
            Reconnect = MqttReconnectPolicy.Never,
            Credentials = _ => ValueTask.FromResult<MqttCredentials?>(new MqttCredentials(EmbeddedIngest.Address(device), password)),
        });
        try
        {
            await client.ConnectAsync();
            await client.DisconnectAsync();
            return MqttReasonCode.Success;
        }
        catch (MqttClientException e)
        {
            return e.ReasonCode;
        }
    }
}
