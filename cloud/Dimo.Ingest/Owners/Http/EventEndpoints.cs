using System.Net.Mime;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Dimo.Core.Crypto;
using Dimo.Ingest.Http;
using Dimo.Ingest.Owners.Auth;
using Dimo.Ingest.Owners.Grants;
using Dimo.Ingest.Query;
using Dimo.Ingest.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dimo.Ingest.Owners.Http;

/// <summary>
/// <c>GET /api/vehicles/{node}/events?from&amp;to</c>: one CloudEvents 1.0 event per signed batch, in structured JSON
/// batch mode (<c>application/cloudevents-batch+json</c>). Type <c>dimo.status</c>, subject the vehicle node,
/// source the device (<c>dimo:device:&lt;address&gt;</c>), id <c>&lt;boot&gt;-&lt;seq&gt;</c>, time the batch's last reading,
/// data its readings, and the extension <c>batchhash</c>: keccak256 of the signed wire batch, as
/// <c>GET …/batches</c> serves it, so each event can be traced to bytes the device signed. Needs permission 7,
/// since the events carry every signal the batch holds.
/// </summary>
public static class EventEndpoints
{
    public const string EventType = "dimo.status";

    public static readonly CloudEventAttribute BatchHash = CloudEventAttribute.CreateExtension("batchhash", CloudEventAttributeType.String);

    private static readonly JsonEventFormatter Formatter = new();

    public static void Map(IEndpointRouteBuilder app, ApiContext api, OwnerContext owners)
    {
        app.MapGet("/api/vehicles/{node:long}/events", (long node, long? from, long? to, HttpContext http, CancellationToken ct) => ApiErrors.Guard(async () =>
        {
            var (fromMs, toMs) = VehicleDataEndpoints.Range(from, to, "events");
            var access = await owners.Grants.AccessAsync(node, Bearer.Caller(http), ct);
            if (!access.Has(Permission.RawData))
                throw OwnerApiException.Forbidden("events carry every signal of a batch and need permission 7 (raw data)");
            var events = (await api.Store.GetBatchesAsync(node, fromMs, toMs, ct)).Select(b => ToCloudEvent(node, b)).ToList();
            var body = Formatter.EncodeBatchModeMessage(events, out var contentType);
            return Results.Bytes(body.ToArray(), contentType.ToString());
        })).Require(owners.Sessions);
    }

    public static CloudEvent ToCloudEvent(long vehicleNode, StoredBatch batch)
    {
        var readings = new List<SignalValue>();
        SignalValueReader.Everything().Read(batch, readings);
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, [BatchHash])
        {
            Id = batch.Boot + "-" + batch.Sequence,
            Type = EventType,
            Source = new Uri("dimo:device:" + EthAddress.ToChecksumString(batch.Device)),
            Subject = vehicleNode.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Time = DateTimeOffset.FromUnixTimeMilliseconds(batch.LastReadingMs),
            DataContentType = MediaTypeNames.Application.Json,
            Data = new { readings = readings.Select(JsonViews.Value) },
        };
        cloudEvent[BatchHash] = OwnerViews.BatchHash(batch);
        return cloudEvent;
    }
}
