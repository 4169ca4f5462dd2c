using Dimo.Mqtt.Auth;
using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Sessions;

namespace Dimo.Mqtt.Server;

/// <summary>A message a client published, handed to an internal handler before it is acknowledged.</summary>
public sealed record InboundPublish(MqttApplicationMessage Message, MqttClientIdentity Client, MqttProtocolVersion ProtocolVersion)
{
    public string Topic => Message.Topic;
    public ReadOnlyMemory<byte> Payload => Message.Payload;
    public MqttQualityOfService QualityOfService => Message.QualityOfService;
}
