using Dimo.DeviceAuth;
using Dimo.Ingest.Operations;
using Dimo.Ingest.Pipeline;
using Dimo.Mqtt.Auth;
using Dimo.Mqtt.Server;
using Prometheus;

namespace Dimo.Ingest.Metrics;

/// <summary>
/// The ingestor's Prometheus metrics, in a registry of its own (several hosts may share a test process), exported by
/// prometheus-net at <c>GET /metrics</c>. prometheus-net 8.2 is a stable release; OpenTelemetry's Prometheus exporter is
/// published only as a beta, and we need neither its traces nor its SDK. Latencies are histograms observed on the hot
/// path; every other figure already has a counter somewhere (<see cref="IngestStats"/>, <see cref="MqttServerCounters"/>,
/// <see cref="DeviceAuthCounters"/>), so those are copied in just before each scrape instead of being counted twice.
/// </summary>
public sealed class IngestMetrics
{
    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();

    public IngestMetrics()
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(_registry);
        var latency = new HistogramConfiguration { Buckets = LatencyWindow.Bounds };
        Verification = factory.CreateHistogram("dimo_ingest_verification_seconds",
            "Time from a batch's arrival until its signature is checked (queue wait, decode, hash, recovery).", latency);
        Commit = factory.CreateHistogram("dimo_ingest_commit_seconds", "Time an accepted batch waited for its group commit.", latency);
        AcknowledgeAfter = factory.CreateHistogram("dimo_ingest_ack_lag_seconds",
            "Time from a batch's arrival until the outcome that lets its acknowledgement go (accepted batches).", latency);
        DotNetStats.Register(_registry);
    }

    public Histogram Verification { get; }

    public Histogram Commit { get; }

    public Histogram AcknowledgeAfter { get; }

    public CollectorRegistry Registry => _registry;

    /// <summary>Copies the host's counters and gauges into the registry before each scrape.</summary>
    public void Track(IngestPipeline pipeline, Func<int> commitQueueDepth, MqttServer? mqtt, DeviceAuthCounters logins, OperatorAccess operators,
        Func<long> storageBytes, Func<bool> ready)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(_registry);
        var accepted = factory.CreateCounter("dimo_ingest_batches_accepted_total", "Batches stored and acknowledged.");
        var readings = factory.CreateCounter("dimo_ingest_readings_stored_total", "Readings in accepted batches.");
        var duplicates = factory.CreateCounter("dimo_ingest_batches_duplicate_total", "Identical resends of stored batches (acknowledged, not stored again).");
        var retryLater = factory.CreateCounter("dimo_ingest_batches_retry_later_total", "Batches left unacknowledged because storage was unavailable.");
        var rejected = factory.CreateCounter("dimo_ingest_batches_rejected_total", "Batches refused, by reason.", "reason");
        var gaps = factory.CreateCounter("dimo_ingest_sequence_gaps_total", "Sequence gaps seen (a device's batch numbers skipped ahead).");
        var missing = factory.CreateCounter("dimo_ingest_batches_missing_total", "Batch numbers skipped over by sequence gaps.");
        var stale = factory.CreateCounter("dimo_ingest_readings_stale_total", "Readings marked stale by their dongle.");
        var verificationQueue = factory.CreateGauge("dimo_ingest_verification_queue_depth", "Batches waiting for a verification worker.");
        var commitQueue = factory.CreateGauge("dimo_ingest_commit_queue_depth", "Batches waiting for the next group commit.");
        var storage = factory.CreateGauge("dimo_ingest_storage_bytes", "Size of the database (SQLite file and WAL, or the PostgreSQL database).");
        var readiness = factory.CreateGauge("dimo_ingest_ready", "1 while /readyz answers 200.");
        var loginsAccepted = factory.CreateCounter("dimo_device_logins_accepted_total", "Device MQTT logins accepted.");
        var loginsRefused = factory.CreateCounter("dimo_device_logins_refused_total", "Device MQTT logins refused, by reason.", "reason");
        var operatorRefused = factory.CreateCounter("dimo_operator_logins_refused_total", "Operator logins with a wrong token.");
        var connected = factory.CreateGauge("dimo_mqtt_connected_clients", "MQTT clients connected to the embedded server.");
        var sessions = factory.CreateGauge("dimo_mqtt_sessions", "MQTT sessions held (connected or persistent).");
        var connections = factory.CreateCounter("dimo_mqtt_connections_total", "MQTT connections by outcome.", "outcome");
        var received = factory.CreateCounter("dimo_mqtt_messages_received_total", "PUBLISH packets the embedded server accepted and routed.");
        var publishesRejected = factory.CreateCounter("dimo_mqtt_publishes_rejected_total", "PUBLISH packets refused, by who refused them.", "by");
        var delivered = factory.CreateCounter("dimo_mqtt_messages_delivered_total", "PUBLISH packets delivered to subscribers.");
        var dropped = factory.CreateCounter("dimo_mqtt_messages_dropped_total", "Messages the embedded server dropped, by reason.", "reason");
        var protocolErrors = factory.CreateCounter("dimo_mqtt_protocol_errors_total", "Connections closed for a protocol error.");
        var keepAlive = factory.CreateCounter("dimo_mqtt_keepalive_timeouts_total", "Connections closed for a missed keep-alive.");
        var refusals = Enum.GetValues<DeviceLoginRefusal>();

        _registry.AddBeforeCollectCallback(() =>
        {
            var stats = pipeline.Stats.Snapshot();
            accepted.IncTo(stats.BatchesAccepted);
            readings.IncTo(stats.ReadingsStored);
            duplicates.IncTo(stats.Duplicates);
            retryLater.IncTo(stats.RetryLater);
            foreach (var (reason, count) in stats.Rejected)
                rejected.WithLabels(reason).IncTo(count);
            gaps.IncTo(stats.Gaps);
            missing.IncTo(stats.MissingBatches);
            stale.IncTo(stats.StaleReadings);
            verificationQueue.Set(pipeline.VerificationQueueDepth);
            commitQueue.Set(commitQueueDepth());
            storage.Set(storageBytes());
            readiness.Set(ready() ? 1 : 0);
            loginsAccepted.IncTo(logins.Accepted);
            foreach (var refusal in refusals)
                loginsRefused.WithLabels(LabelOf(refusal.ToString())).IncTo(logins.Refused(refusal));
            operatorRefused.IncTo(operators.LoginsRefused);
            if (mqtt == null)
                return;
            var c = mqtt.Counters;
            connected.Set(mqtt.ConnectedClientCount);
            sessions.Set(mqtt.SessionCount);
            connections.WithLabels("accepted").IncTo(MqttServerCounters.Read(ref c.ConnectionsAccepted));
            connections.WithLabels("refused").IncTo(MqttServerCounters.Read(ref c.ConnectionsRefused));
            received.IncTo(MqttServerCounters.Read(ref c.MessagesReceived));
            publishesRejected.WithLabels("handler").IncTo(MqttServerCounters.Read(ref c.HandlerRejected));
            publishesRejected.WithLabels("acl").IncTo(MqttServerCounters.Read(ref c.PublishRefused));
            delivered.IncTo(MqttServerCounters.Read(ref c.MessagesDelivered));
            dropped.WithLabels("qos0QueueFull").IncTo(MqttServerCounters.Read(ref c.DroppedQoS0QueueFull));
            dropped.WithLabels("offlineQueueFull").IncTo(MqttServerCounters.Read(ref c.DroppedOfflineQueueFull));
            dropped.WithLabels("expired").IncTo(MqttServerCounters.Read(ref c.DroppedExpired));
            dropped.WithLabels("tooLargeForClient").IncTo(MqttServerCounters.Read(ref c.DroppedTooLargeForClient));
            protocolErrors.IncTo(MqttServerCounters.Read(ref c.ProtocolErrors));
            keepAlive.IncTo(MqttServerCounters.Read(ref c.KeepAliveTimeouts));
        });
    }

    /// <summary>Writes the Prometheus text format (version 0.0.4).</summary>
    public Task ExportAsync(Stream output, CancellationToken cancellationToken) => _registry.CollectAndExportAsTextAsync(output, cancellationToken);

    private static string LabelOf(string enumName) => char.ToLowerInvariant(enumName[0]) + enumName[1..];
}
