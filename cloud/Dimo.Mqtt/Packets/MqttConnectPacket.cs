namespace Dimo.Mqtt.Packets;

public sealed class MqttConnectPacket : MqttPacketWithUserProperties
{
    public override MqttPacketType Type => MqttPacketType.Connect;

    public MqttProtocolVersion ProtocolVersion { get; set; } = MqttProtocolVersion.V500;
    public string ClientId { get; set; } = "";
    /// <summary>Clean Session in 3.1.1, Clean Start in 5.0.</summary>
    public bool CleanStart { get; set; } = true;
    public ushort KeepAliveSeconds { get; set; }
    public string? UserName { get; set; }
    public byte[]? Password { get; set; }
    public MqttWillMessage? Will { get; set; }

    public uint SessionExpiryInterval { get; set; }
    public ushort? ReceiveMaximum { get; set; }
    public uint? MaximumPacketSize { get; set; }
    public ushort TopicAliasMaximum { get; set; }
    public bool? RequestResponseInformation { get; set; }
    public bool? RequestProblemInformation { get; set; }
    public string? AuthenticationMethod { get; set; }
    public byte[]? AuthenticationData { get; set; }
}
