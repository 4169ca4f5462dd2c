using Dimo.Testing;

namespace Dimo.Mqtt.Tests.Interop;

/// <summary>The harness itself: a private broker that its own command-line clients can talk through.</summary>
public sealed class MosquittoHarnessTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Dimo.Testing.MosquittoTheory]
    [InlineData(MosquittoProtocol.V311)]
    [InlineData(MosquittoProtocol.V5)]
    public async Task Private_broker_relays_a_message_between_command_line_clients(MosquittoProtocol protocol)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await Dimo.Testing.MosquittoClients.SubscribeAsync(broker.Url, "harness/#", qos: 1, protocol);

        await Dimo.Testing.MosquittoClients.PublishAsync(broker.Url, "harness/one", "hello", qos: 1, protocol: protocol);

        var received = await subscriber.WaitForAsync(1, Wait);
        Assert.Equal(new MosquittoMessage("harness/one", "hello"), received[0]);
    }

    [Dimo.Testing.MosquittoFact]
    public async Task Tls_listener_serves_clients_that_trust_its_certificate()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { Tls = true });
        var caFile = broker.Tls!.CertificateFile;
        await using var subscriber = await Dimo.Testing.MosquittoClients.SubscribeAsync(broker.TlsUrl!, "secure", caFile: caFile);

        await Dimo.Testing.MosquittoClients.PublishAsync(broker.TlsUrl!, "secure", "sealed", caFile: caFile);

        Assert.Equal("sealed", (await subscriber.WaitForAsync(1, Wait))[0].Payload);
    }

    [Dimo.Testing.MosquittoFact]
    public async Task Retained_message_survives_a_restart_of_a_persistent_broker()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { Persistence = true });
        await Dimo.Testing.MosquittoClients.PublishAsync(broker.Url, "kept", "still here", qos: 1, retain: true);

        await broker.RestartAsync();

        await using var subscriber = await Dimo.Testing.MosquittoClients.SubscribeAsync(broker.Url, "kept");
        Assert.Equal("still here", (await subscriber.WaitForAsync(1, Wait))[0].Payload);
    }

    [Dimo.Testing.MosquittoFact]
    public async Task Disposed_broker_stops_listening_and_removes_its_directory()
    {
        var broker = await MosquittoBroker.StartAsync();
        var logFile = broker.LogFile;

        await broker.DisposeAsync();

        Assert.False(broker.IsRunning);
        Assert.False(File.Exists(logFile));
        await Assert.ThrowsAnyAsync<Exception>(() => Dimo.Testing.MosquittoClients.PublishAsync(broker.Url, "gone", "x"));
    }
}
