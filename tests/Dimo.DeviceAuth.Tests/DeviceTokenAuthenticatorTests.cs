using Microsoft.Extensions.Time.Testing;
using Dimo.Core.Crypto;
using Dimo.Core.DeviceContract;
using Dimo.DeviceAuth;
using Dimo.Mqtt.Auth;
using Dimo.Mqtt.Packets;
using Dimo.Testing.Devices;
using Dimo.Verification.Recovery;

namespace Dimo.DeviceAuth.Tests;

public sealed class DeviceTokenAuthenticatorTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 21, 18, 0, 0, TimeSpan.Zero));
    private readonly KnownDeviceSet _registry = new([TestDevices.Alice.Address(), TestDevices.Bob.Address()]);
    private readonly DeviceTokenAuthenticator _authenticator;

    public DeviceTokenAuthenticatorTests()
    {
        _authenticator = new DeviceTokenAuthenticator(new BouncyCastleRecovery(), _registry, _clock);
    }

    private ValueTask<MqttAuthenticationResult> Login(string? username, string? password) =>
        _authenticator.AuthenticateAsync(
            new MqttAuthenticationRequest("car", username, password?.Utf8(), null, MqttProtocolVersion.V311), CancellationToken.None);

    [Fact]
    public async Task Fresh_token_of_a_registered_device_is_accepted_with_its_address_as_identity()
    {
        var result = await Login(TestDevices.Alice.Address(), DeviceLoginToken.Create(TestDevices.Alice, _clock.GetUtcNow().ToUnixTimeSeconds() - 30));

        Assert.True(result.IsAccepted);
        Assert.Equal(TestDevices.Alice.Address(), result.Identity);
        Assert.Equal(1, _authenticator.Counters.Accepted);
        Assert.Equal(0, _authenticator.Counters.RefusedTotal);
    }

    [Fact]
    public async Task Token_signed_by_another_key_is_refused_as_forged()
    {
        // Mallory signs a login for Alice's address with her own key.
        var message = DeviceLoginToken.Message(TestDevices.Alice.Address(), _clock.GetUtcNow().ToUnixTimeSeconds());
        var signature = TestDevices.Mallory.SignPersonalMessage(message.Utf8(), 0, message.Length);
        var forged = "v1:" + _clock.GetUtcNow().ToUnixTimeSeconds() + ":0x" + Hex.Encode(signature);

        var result = await Login(TestDevices.Alice.Address(), forged);

        Assert.Equal(MqttReasonCode.BadUserNameOrPassword, result.ReasonCode);
        Assert.Equal(1, _authenticator.Counters.Refused(DeviceLoginRefusal.Forged));
    }

    [Fact]
    public async Task Token_presented_under_another_devices_address_is_refused_as_forged()
    {
        var bobsToken = DeviceLoginToken.Create(TestDevices.Bob, _clock.GetUtcNow().ToUnixTimeSeconds());

        var outcome = await _authenticator.VerifyAsync(TestDevices.Alice.Address(), bobsToken, CancellationToken.None);

        Assert.Equal(DeviceLoginRefusal.Forged, outcome.Refusal);
        Assert.Equal(1, _authenticator.Counters.Refused(DeviceLoginRefusal.Forged));
    }

    [Fact]
    public async Task Token_with_a_changed_time_is_refused_as_forged()
    {
        var token = DeviceLoginToken.Create(TestDevices.Alice, _clock.GetUtcNow().ToUnixTimeSeconds());
        var shifted = token.Replace("v1:" + _clock.GetUtcNow().ToUnixTimeSeconds(), "v1:" + (_clock.GetUtcNow().ToUnixTimeSeconds() + 1));

        var outcome = await _authenticator.VerifyAsync(TestDevices.Alice.Address(), shifted, CancellationToken.None);

        Assert.Equal(DeviceLoginRefusal.Forged, outcome.Refusal);
    }

    [Fact]
    public async Task Replayed_token_is_refused_the_second_time()
    {
        var token = DeviceLoginToken.Create(TestDevices.Alice, _clock.GetUtcNow().ToUnixTimeSeconds());
        Assert.True((await Login(TestDevices.Alice.Address(), token)).IsAccepted);
        _clock.Advance(TimeSpan.FromMinutes(1));

        var replay = await _authenticator.VerifyAsync(TestDevices.Alice.Address(), token, CancellationToken.None);

        Assert.Equal(DeviceLoginRefusal.Replayed, replay.Refusal);
        Assert.Equal(1, _authenticator.Counters.Refused(DeviceLoginRefusal.Replayed));
        Assert.Equal(1, _authenticator.Counters.Accepted);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86400)]
    public async Task Token_outside_five_minutes_of_the_server_clock_is_refused_as_expired(int offsetSeconds)
    {
        var token = DeviceLoginToken.Create(TestDevices.Alice, _clock.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds);

        var result = await Login(TestDevices.Alice.Address(), token);

        Assert.Equal(MqttReasonCode.BadUserNameOrPassword, result.ReasonCode);
        Assert.Equal(1, _authenticator.Counters.Refused(DeviceLoginRefusal.Expired));
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public async Task Token_at_the_edge_of_the_window_is_accepted(int offsetSeconds)
    {
        var token = DeviceLoginToken.Create(TestDevices.Alice, _clock.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds);

        Assert.True((await Login(TestDevices.Alice.Address(), token)).IsAccepted);
    }

    [Fact]
    public async Task Genuine_token_of_an_unregistered_device_is_refused_as_not_authorized()
    {
        var token = DeviceLoginToken.Create(TestDevices.Mallory, _clock.GetUtcNow().ToUnixTimeSeconds());

        var result = await Login(TestDevices.Mallory.Address(), token);

        Assert.Equal(MqttReasonCode.NotAuthorized, result.ReasonCode);
        Assert.Equal(1, _authenticator.Counters.Refused(DeviceLoginRefusal.UnknownDevice));
    }

    [Theory]
    [InlineData(null, "v1:1:0x00")]
    [InlineData("alice", "v1:1:0x00")]
    [InlineData("0xABCDEFABCDEFABCDEFABCDEFABCDEFABCDEFABCD", "v1:1:0x00")]
    [InlineData("0x1111111111111111111111111111111111111111", null)]
    [InlineData("0x1111111111111111111111111111111111111111", "")]
    [InlineData("0x1111111111111111111111111111111111111111", "v2:1795284000:0x00")]
    [InlineData("0x1111111111111111111111111111111111111111", "v1:-5:0x00")]
    [InlineData("0x1111111111111111111111111111111111111111", "v1:01795284000:0x00")]
    [InlineData("0x1111111111111111111111111111111111111111", "v1:1795284000")]
    [InlineData("0x1111111111111111111111111111111111111111", "v1:1795284000:0xzz")]
    public async Task Malformed_username_or_password_is_refused_as_malformed(string? username, string? password)
    {
        var outcome = await _authenticator.VerifyAsync(username, password, CancellationToken.None);

        Assert.Equal(DeviceLoginRefusal.Malformed, outcome.Refusal);
        Assert.False(string.IsNullOrEmpty(outcome.Detail));
        Assert.Equal(1, _authenticator.Counters.Refused(DeviceLoginRefusal.Malformed));
    }

    [Fact]
    public async Task Uppercase_signature_hex_is_refused_as_malformed()
    {
        var token = DeviceLoginToken.Create(TestDevices.Alice, _clock.GetUtcNow().ToUnixTimeSeconds());
        var upper = token[..token.IndexOf("0x", StringComparison.Ordinal)] + "0x" + token[(token.IndexOf("0x", StringComparison.Ordinal) + 2)..].ToUpperInvariant();

        var outcome = await _authenticator.VerifyAsync(TestDevices.Alice.Address(), upper, CancellationToken.None);

        Assert.Equal(DeviceLoginRefusal.Malformed, outcome.Refusal);
    }
}
