using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Client;

/// <summary>
/// A message the broker delivered. With manual acknowledgement the broker keeps a QoS 1/2 message unacknowledged
/// (and redelivers it after a reconnect) until <see cref="AcknowledgeAsync"/> is called.
/// </summary>
public sealed class MqttReceivedMessage
{
    private readonly MqttClient _client;
    private readonly object _connection;
    private int _acknowledged;

    internal MqttReceivedMessage(MqttClient client, object connection, MqttPublishPacket packet)
    {
        _client = client;
        _connection = connection;
        Packet = packet;
    }

    public string Topic => Packet.Topic;
    public ReadOnlyMemory<byte> Payload => Packet.Payload;
    public MqttQualityOfService QualityOfService => Packet.QualityOfService;
    public bool Retain => Packet.Retain;
    /// <summary>The broker sent it before; the earlier copy may or may not have been processed.</summary>
    public bool Duplicate => Packet.Duplicate;
    public MqttPublishPacket Packet { get; }

    /// <summary>
    /// Tells the broker the message is handled. False when the connection it arrived on is gone: the broker
    /// will deliver it again. Acknowledging twice sends one acknowledgement.
    /// </summary>
    public ValueTask<bool> AcknowledgeAsync()
    {
        if (Packet.QualityOfService == MqttQualityOfService.AtMostOnce || Interlocked.Exchange(ref _acknowledged, 1) == 1)
            return ValueTask.FromResult(true);
        return _client.AcknowledgeAsync(_connection, Packet);
    }
}
