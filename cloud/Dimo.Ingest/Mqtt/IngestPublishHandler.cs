using Dimo.Core.DeviceContract;
using Dimo.Ingest.Pipeline;
using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Server;

namespace Dimo.Ingest.Mqtt;

/// <summary>
/// Connects the MQTT server to the pipeline: devices publish signed batches on <c>dimo/v1/devices/{address}/batches</c>
/// (register with <c>server.AddInboundHandler(DeviceTopics.AllBatches, handler)</c>). Accepted and
/// duplicate batches are acknowledged as success, rejected ones are acknowledged with an MQTT 5 reason code and
/// the reject reason as reason string, and RetryLater withholds the acknowledgement and the server ends the connection, so the device reconnects and resends.
/// </summary>
public sealed class IngestPublishHandler(IngestPipeline pipeline) : IInboundPublishHandler
{
    public async ValueTask<PublishOutcome> HandleAsync(InboundPublish message, CancellationToken cancellationToken)
    {
        // The pipeline checks the address against the signer; a topic that is no device's (a mixed-case address
        // included, see DeviceAddress) is passed whole and fails that check.
        var address = DeviceTopics.AddressOf(message.Topic) ?? message.Topic;
        var outcome = await pipeline.ProcessAsync(address, message.Payload, cancellationToken);
        return outcome.Status switch
        {
            IngestStatus.Accepted or IngestStatus.Duplicate => PublishOutcome.Accepted,
            IngestStatus.RetryLater => PublishOutcome.RetryLater,
            _ => PublishOutcome.Rejected(ReasonCode(outcome.Reason!.Value), RejectReasons.Name(outcome.Reason.Value)),
        };
    }

    private static MqttReasonCode ReasonCode(RejectReason reason) => reason switch
    {
        // Only codes a PUBACK may carry (MQTT 5.0 §3.4.2.1); the reason string names the exact reason.
        RejectReason.Malformed => MqttReasonCode.PayloadFormatInvalid,
        RejectReason.BadSignature or RejectReason.Forged or RejectReason.UnknownDevice or RejectReason.Unpaired => MqttReasonCode.NotAuthorized,
        _ => MqttReasonCode.ImplementationSpecificError,
    };
}
