namespace Dimo.Load;

/// <summary>How a load run decides that a message arrived.</summary>
public enum LoadMode
{
    /// <summary>A measuring subscriber receives every message; a message counts when it is delivered to it.</summary>
    Subscribed,

    /// <summary>
    /// No subscriber (an ingestor's ACL forbids reading other devices' topics): a QoS 1/2 message counts when the
    /// broker acknowledges it with a success code, which an ingestor sends only after its commit. Use MQTT 5 so a
    /// refusal arrives as a reason code instead of a plain acknowledgement.
    /// </summary>
    Acknowledged,
}
