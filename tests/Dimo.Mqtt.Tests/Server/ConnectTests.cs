using Dimo.Mqtt.Auth;
using Dimo.Mqtt.Formatting;
using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Server;

namespace Dimo.Mqtt.Tests.Server;

public sealed class ConnectTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Both_protocol_versions_are_accepted(MqttProtocolVersion version)
    {
        await using var server = TestServers.Anonymous();
        await using var client = await TestClient.ConnectAsync(server, "car-1", version);

        Assert.Equal(MqttReasonCode.Success, client.ConnAck.ReasonCode);
        Assert.False(client.ConnAck.SessionPresent);
        Assert.Equal(1, server.ConnectedClientCount);
    }

    [Fact]
    public async Task An_unknown_protocol_level_gets_the_3_1_1_unacceptable_protocol_version_answer()
    {
        await using var server = TestServers.Anonymous();
        await using var client = TestClient.Open(server, MqttPacketFormatter.V311);
        // MQTT 3.1 ("MQIsdp", level 3).
        byte[] connect = [0x10, 0x0E, 0x00, 0x06, (byte)'M', (byte)'Q', (byte)'I', (byte)'s', (byte)'d', (byte)'p', 0x03, 0x02, 0x00, 0x3C, 0x00, 0x00];
        await client.SendRawAsync(connect);

        var connAck = await client.ReceiveAsync<MqttConnAckPacket>();

        Assert.Equal(MqttReasonCode.UnsupportedProtocolVersion, connAck.ReasonCode);
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task A_first_packet_other_than_connect_closes_the_connection()
    {
        await using var server = TestServers.Anonymous();
        await using var client = TestClient.Open(server, MqttPacketFormatter.V311);
        await client.SendAsync(MqttPingReqPacket.Instance);

        await client.ExpectClosedAsync();
        Assert.Equal(1, server.Counters.ProtocolErrors);
    }

    [Fact]
    public async Task An_empty_client_id_gets_an_assigned_one_in_mqtt_5()
    {
        await using var server = TestServers.Anonymous();
        await using var client = await TestClient.ConnectAsync(server, "");

        Assert.Equal(MqttReasonCode.Success, client.ConnAck.ReasonCode);
        Assert.False(string.IsNullOrEmpty(client.ConnAck.AssignedClientIdentifier));
        Assert.True(server.HasSession(client.ConnAck.AssignedClientIdentifier!));
    }

    [Fact]
    public async Task An_empty_client_id_in_3_1_1_is_accepted_only_with_clean_session()
    {
        await using var server = TestServers.Anonymous();
        await using var clean = await TestClient.ConnectAsync(server, "", MqttProtocolVersion.V311, c => c.CleanStart = true);
        await using var persistent = await TestClient.ConnectAsync(server, "", MqttProtocolVersion.V311, c => c.CleanStart = false);

        Assert.Equal(MqttReasonCode.Success, clean.ConnAck.ReasonCode);
        Assert.Equal(MqttReasonCode.ClientIdentifierNotValid, persistent.ConnAck.ReasonCode);
    }

    [Fact]
    public async Task Without_an_authenticator_or_anonymous_mode_every_client_is_refused()
    {
        await using var server = new MqttServer(new MqttServerOptions());
        await using var client = await TestClient.ConnectAsync(server, "car-1");

        Assert.Equal(MqttReasonCode.NotAuthorized, client.ConnAck.ReasonCode);
        await client.ExpectClosedAsync();
        Assert.Equal(1, server.Counters.AuthenticationRefused);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311, MqttReasonCode.BadUserNameOrPassword)]
    [InlineData(MqttProtocolVersion.V500, MqttReasonCode.BadUserNameOrPassword)]
    public async Task The_authenticator_decides_and_refusals_are_counted(MqttProtocolVersion version, MqttReasonCode expected)
    {
        await using var server = new MqttServer(new MqttServerOptions(), new PasswordAuthenticator("secret"));
        await using var good = await TestClient.ConnectAsync(server, "car-1", version, c => { c.UserName = "car"; c.Password = "secret"u8.ToArray(); });
        await using var bad = await TestClient.ConnectAsync(server, "car-2", version, c => { c.UserName = "car"; c.Password = "guess"u8.ToArray(); });

        Assert.Equal(MqttReasonCode.Success, good.ConnAck.ReasonCode);
        Assert.Equal(expected, bad.ConnAck.ReasonCode);
        Assert.Equal(1, server.Counters.AuthenticationRefused);
        Assert.Equal(1, server.Counters.ConnectionsRefused);
    }

    private sealed class PasswordAuthenticator(string password) : IMqttAuthenticator
    {
        public ValueTask<MqttAuthenticationResult> AuthenticateAsync(MqttAuthenticationRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(request.Password != null && System.Text.Encoding.UTF8.GetString(request.Password) == password
                ? MqttAuthenticationResult.Accept(request.UserName)
                : MqttAuthenticationResult.Refuse(MqttReasonCode.BadUserNameOrPassword));
    }
}
