namespace Dimo.Mqtt.Sessions;

public enum MqttEnqueueResult
{
    Queued,
    /// <summary>QoS 0 to a full queue: MQTT allows losing it, and a slow subscriber must not stall publishers for it.</summary>
    DroppedQoS0,
    /// <summary>QoS 1/2 to a full queue of a session with no connection: waiting would stall publishers indefinitely.</summary>
    DroppedOfflineQueueFull,
    SessionEnded,
}
