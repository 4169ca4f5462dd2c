using System.Collections.Concurrent;
using Dimo.Core.Crypto;
using Dimo.Core.Wire;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;
using Dimo.Verification.Recovery;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dimo.Simulator.Tests.Dongles;

/// <summary>
/// A plain subscriber to every device's batches with a persistent session (so it misses nothing while the broker
/// restarts), recording each batch's topic, recovered signer and body.
/// </summary>
public sealed class BatchCollector : IAsyncDisposable
{
    private static readonly ISignatureRecovery Recovery = SignatureRecoveryFactory.Create(NullLogger.Instance);

    private readonly MqttClient _client;

    public BatchCollector(Uri server)
    {
        _client = new MqttClient(new MqttClientOptions
        {
            Server = server,
            ClientId = "batch-collector",
            CleanStart = false,
            Reconnect = new MqttReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(500) },
        });
        _client.MessageReceived = message =>
        {
            Received.Enqueue(Decode(message.Topic, message.Payload.ToArray()));
            return ValueTask.CompletedTask;
        };
    }

    public ConcurrentQueue<ReceivedBatch> Received { get; } = new();

    public async Task StartAsync()
    {
        await _client.ConnectAsync();
        await _client.SubscribeAsync("dimo/v1/devices/+/batches", MqttQualityOfService.AtLeastOnce);
    }

    private static ReceivedBatch Decode(string topic, byte[] wire)
    {
        var split = SignedBatch.Split(wire, 0, wire.Length);
        var address = new byte[20];
        bool recovered = Recovery.TryRecoverAddress(Eip191.Hash(split.Body, 0, split.Body.Length), split.Signature, address);
        var batch = new BatchReader().ReadBody(split.Body, 0, split.Body.Length);
        return new ReceivedBatch(topic.Split('/')[3], recovered ? EthAddress.ToLowerString(address) : null, batch);
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}

public sealed record ReceivedBatch(string TopicAddress, string? Signer, Batch Batch);
