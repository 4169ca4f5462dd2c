using Dimo.Core.Crypto;
using Dimo.Core.DeviceContract;
using Dimo.Mqtt.Auth;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Mqtt;

/// <summary><c>dimo mqtt serve</c>: who it lets in, what it prints, how it stops.</summary>
public sealed class Mqtt_serve_admits_listed_devices_or_anyone_when_anonymous
{
    private static readonly PrivateKey Listed = Key(0x41);
    private static readonly PrivateKey Unlisted = Key(0x42);

    [Fact]
    public async Task With_a_devices_file_a_listed_device_logs_in_and_publishes_below_its_topic_and_an_unlisted_one_is_refused()
    {
        using var directory = new TempDirectory("dimo-mqtt-serve");
        var devicesFile = directory.File("devices.txt");
        File.WriteAllText(devicesFile, "# test fleet\n" + Address(Listed) + "\n");
        var port = FreeTcpPort.Next();
        await using var serve = ServeCommand.Start("--port", port.ToString(), "--devices", devicesFile);
        Assert.Contains("1 registered devices", await serve.ListeningAsync());

        await using var listed = new MqttClient(DeviceClient(port, Listed));
        await listed.ConnectAsync();
        var acknowledged = await listed.PublishAsync(DeviceTopics.Prefix(Address(Listed)) + "batches", new byte[] { 1, 2, 3 },
            MqttQualityOfService.AtLeastOnce);
        await using var unlisted = new MqttClient(DeviceClient(port, Unlisted));
        var refusal = await Assert.ThrowsAsync<MqttClientException>(() => unlisted.ConnectAsync());

        Assert.Equal(MqttReasonCode.Success, acknowledged);
        Assert.Equal(MqttReasonCode.NotAuthorized, refusal.ReasonCode);
    }

    [Fact]
    public async Task Allow_anonymous_starts_prints_its_port_and_stops_on_cancellation()
    {
        var port = FreeTcpPort.Next();
        await using var serve = ServeCommand.Start("--port", port.ToString(), "--allow-anonymous");

        var output = await serve.ListeningAsync();
        await using (var client = new MqttClient(new MqttClientOptions { Server = new Uri("mqtt://127.0.0.1:" + port), Reconnect = MqttReconnectPolicy.Never }))
            await client.ConnectAsync();
        var exit = await serve.StopAsync();

        Assert.Contains("MQTT listening on 127.0.0.1:" + port, output);
        Assert.Equal(CliRunner.Success, exit);
    }

    [Theory]
    [InlineData("--queue-capacity", "0")]
    [InlineData("--max-inflight", "0")]
    public async Task A_queue_capacity_or_in_flight_window_below_one_is_a_usage_error(string option, string value)
    {
        await using var serve = ServeCommand.Start("--port", FreeTcpPort.Next().ToString(), "--allow-anonymous", option, value);

        var error = await Assert.ThrowsAsync<CliException>(() => serve.Run);

        Assert.Equal(CliRunner.UsageError, error.ExitCode);
        Assert.Contains("must be at least 1", error.Message);
    }

    [Theory]
    [InlineData(new string[0], "pass --devices FILE")]
    [InlineData(new[] { "--allow-anonymous", "--devices", "devices.txt" }, "not both")]
    public async Task Without_exactly_one_of_devices_or_allow_anonymous_it_is_a_usage_error(string[] args, string message)
    {
        await using var serve = ServeCommand.Start(["--port", FreeTcpPort.Next().ToString(), .. args]);

        var error = await Assert.ThrowsAsync<CliException>(() => serve.Run);

        Assert.Equal(CliRunner.UsageError, error.ExitCode);
        Assert.Contains(message, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task An_unreadable_devices_file_is_refused_with_its_line()
    {
        using var directory = new TempDirectory("dimo-mqtt-serve");
        var devicesFile = directory.File("devices.txt");
        File.WriteAllText(devicesFile, Address(Listed) + "\nnot-an-address\n");
        await using var serve = ServeCommand.Start("--port", FreeTcpPort.Next().ToString(), "--devices", devicesFile);

        var error = await Assert.ThrowsAsync<CliException>(() => serve.Run);

        Assert.Equal(CliRunner.InvalidInput, error.ExitCode);
        Assert.Contains("devices.txt:2: not a device address", error.Message);
    }

    private static MqttClientOptions DeviceClient(int port, PrivateKey key) => new()
    {
        Server = new Uri("mqtt://127.0.0.1:" + port),
        ProtocolVersion = MqttProtocolVersion.V500,
        ClientId = Address(key),
        Credentials = _ => ValueTask.FromResult<MqttCredentials?>(
            new MqttCredentials(Address(key), DeviceLoginToken.Create(key, DateTimeOffset.UtcNow.ToUnixTimeSeconds()))),
        Reconnect = MqttReconnectPolicy.Never,
    };

    private static string Address(PrivateKey key) => EthAddress.ToLowerString(key.Address);

    private static PrivateKey Key(byte fill)
    {
        var bytes = new byte[PrivateKey.Length];
        Array.Fill(bytes, fill);
        return PrivateKey.FromBytes(bytes);
    }
}
