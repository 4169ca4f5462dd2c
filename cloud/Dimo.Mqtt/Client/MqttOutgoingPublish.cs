using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Client;

/// <summary>A QoS 1/2 publish of ours that the broker has not finished acknowledging.</summary>
internal sealed class MqttOutgoingPublish(MqttPublishPacket packet)
{
    public MqttPublishPacket Packet { get; } = packet;

    /// <summary>QoS 2: the broker sent PUBREC, so only PUBREL/PUBCOMP remain (and a resend is a PUBREL).</summary>
    public bool Received { get; set; }

    public TaskCompletionSource<MqttReasonCode> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What to send again after a reconnect.</summary>
    public MqttPacket Resend() => Received
        ? new MqttPubRelPacket { PacketIdentifier = Packet.PacketIdentifier }
        : new MqttPublishPacket
        {
            Topic = Packet.Topic,
            Payload = Packet.Payload,
            QualityOfService = Packet.QualityOfService,
            Retain = Packet.Retain,
            PacketIdentifier = Packet.PacketIdentifier,
            Duplicate = true,
        };
}
