using Dimo.Testing;

namespace Dimo.Mqtt.Tests.Interop;

/// <summary>The reference clients talk to our server over real TCP and TLS.</summary>
public sealed class MosquittoInteropTests
{
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(10);

    [MosquittoFact]
    public async Task Mosquitto_clients_exchange_qos_0_and_1_over_tcp_in_3_1_1_and_5()
    {
        await using var running = await RunningServer.StartAsync();
        var port = running.TcpPort.ToString();
        await using var subscriber = MosquittoClients.StartSubscriber("-h", "127.0.0.1", "-p", port, "-i", "sub", "-V", "mqttv5",
            "-t", "cars/#", "-q", "1", "-v", "-C", "4", "-W", "15");
        await running.WaitForSubscriptionAsync("sub", "cars/#");

        await MosquittoClients.RunPublisherAsync("-h", "127.0.0.1", "-p", port, "-V", "mqttv311", "-q", "0", "-t", "cars/1/a", "-m", "v311-qos0");
        await MosquittoClients.RunPublisherAsync("-h", "127.0.0.1", "-p", port, "-V", "mqttv311", "-q", "1", "-t", "cars/1/b", "-m", "v311-qos1");
        await MosquittoClients.RunPublisherAsync("-h", "127.0.0.1", "-p", port, "-V", "mqttv5", "-q", "0", "-t", "cars/1/c", "-m", "v5-qos0");
        await MosquittoClients.RunPublisherAsync("-h", "127.0.0.1", "-p", port, "-V", "mqttv5", "-q", "1", "-t", "cars/1/d", "-m", "v5-qos1");

        var lines = await subscriber.WaitForLinesAsync(4, LineTimeout);
        Assert.Equal(["cars/1/a v311-qos0", "cars/1/b v311-qos1", "cars/1/c v5-qos0", "cars/1/d v5-qos1"], lines);
    }

    [MosquittoFact]
    public async Task A_3_1_1_subscriber_gets_the_retained_message()
    {
        await using var running = await RunningServer.StartAsync();
        var port = running.TcpPort.ToString();
        await MosquittoClients.RunPublisherAsync("-h", "127.0.0.1", "-p", port, "-q", "1", "-r", "-t", "cars/9/vin", "-m", "WVWZZZ");

        await using var subscriber = MosquittoClients.StartSubscriber("-h", "127.0.0.1", "-p", port, "-V", "mqttv311",
            "-t", "cars/+/vin", "-q", "1", "-v", "-C", "1", "-W", "10");

        Assert.Equal(["cars/9/vin WVWZZZ"], await subscriber.WaitForLinesAsync(1, LineTimeout));
    }

    [MosquittoFact]
    public async Task The_will_of_a_killed_mosquitto_client_is_published()
    {
        await using var running = await RunningServer.StartAsync();
        var port = running.TcpPort.ToString();
        await using var watcher = MosquittoClients.StartSubscriber("-h", "127.0.0.1", "-p", port, "-i", "watcher",
            "-t", "status/#", "-v", "-C", "1", "-W", "15");
        await running.WaitForSubscriptionAsync("watcher", "status/#");
        await using var car = MosquittoClients.StartSubscriber("-h", "127.0.0.1", "-p", port, "-i", "car-7", "-V", "mqttv5",
            "-t", "commands/car-7", "--will-topic", "status/car-7", "--will-payload", "gone", "--will-qos", "1");
        await running.WaitForSubscriptionAsync("car-7", "commands/car-7");

        car.Kill();

        Assert.Equal(["status/car-7 gone"], await watcher.WaitForLinesAsync(1, LineTimeout));
    }

    [MosquittoFact]
    public async Task Mosquitto_clients_connect_over_tls_trusting_the_generated_certificate()
    {
        await using var running = await RunningServer.StartAsync();
        var tls = running.TlsPort.ToString();
        await using var subscriber = MosquittoClients.StartSubscriber("-h", "127.0.0.1", "-p", tls, "--cafile", running.CaFile, "-i", "tls-sub",
            "-t", "secure/#", "-q", "1", "-v", "-C", "2", "-W", "15");
        await running.WaitForSubscriptionAsync("tls-sub", "secure/#");

        await MosquittoClients.RunPublisherAsync("-h", "127.0.0.1", "-p", tls, "--cafile", running.CaFile, "-V", "mqttv311", "-q", "1", "-t", "secure/a", "-m", "x");
        await MosquittoClients.RunPublisherAsync("-h", "localhost", "-p", tls, "--cafile", running.CaFile, "-V", "mqttv5", "-q", "1", "-t", "secure/b", "-m", "y");

        Assert.Equal(["secure/a x", "secure/b y"], await subscriber.WaitForLinesAsync(2, LineTimeout));
    }

    [MosquittoFact]
    public async Task Tls_without_trust_in_the_certificate_is_refused_by_the_client()
    {
        await using var running = await RunningServer.StartAsync();
        var other = Path.GetTempFileName();
        try
        {
            Mqtt.Transport.MqttServerCertificate.ExportPublicPem(Mqtt.Transport.MqttServerCertificate.CreateSelfSigned(), other);
            await Assert.ThrowsAsync<InvalidOperationException>(() => MosquittoClients.RunPublisherAsync(
                "-h", "127.0.0.1", "-p", running.TlsPort.ToString(), "--cafile", other, "-t", "a", "-m", "x"));
        }
        finally
        {
            File.Delete(other);
        }
    }
}
