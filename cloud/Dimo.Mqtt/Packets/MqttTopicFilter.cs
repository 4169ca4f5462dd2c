namespace Dimo.Mqtt.Packets;

/// <summary>One entry of SUBSCRIBE: a topic filter and its subscription options.</summary>
public sealed class MqttTopicFilter
{
    public string Filter { get; set; } = "";
    public MqttQualityOfService QualityOfService { get; set; }
    public bool NoLocal { get; set; }
    public bool RetainAsPublished { get; set; }
    public MqttRetainHandling RetainHandling { get; set; }
}
