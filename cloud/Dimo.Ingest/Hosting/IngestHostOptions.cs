using System.Numerics;
using System.Security.Cryptography.X509Certificates;
using Dimo.Ingest.Pipeline;
using Dimo.Mqtt.Server;

namespace Dimo.Ingest.Hosting;

/// <summary>How an <see cref="IngestHost"/> runs. Defaults suit a local demo: SQLite in ./.dimo, HTTP on 127.0.0.1:8080, MQTT on a free port.</summary>
public sealed class IngestHostOptions
{
    /// <summary>Where the SQLite file lives (ignored for storage when <see cref="PostgresConnectionString"/> is set).</summary>
    public string DataDirectory { get; init; } = ".dimo";

    /// <summary>HTTP API port; 0 picks a free one (see <see cref="IngestHost.HttpPort"/>).</summary>
    public int HttpPort { get; init; } = 8080;

    public string HttpAddress { get; init; } = "127.0.0.1";

    /// <summary>
    /// Plain TCP port of the embedded MQTT server; 0 (the default, so tests and embedders never collide) picks a free
    /// one (see <see cref="IngestHost.MqttPort"/>). <c>dimo ingest</c> defaults to 1883.
    /// </summary>
    public int MqttPort { get; init; }

    public string MqttAddress { get; init; } = "127.0.0.1";

    /// <summary>TLS port of the embedded MQTT server (MQTTS), beside the plain one; 0 picks a free one; null: no TLS.</summary>
    public int? MqttTlsPort { get; init; }

    /// <summary>The server certificate with its private key, required with <see cref="MqttTlsPort"/>.</summary>
    public X509Certificate2? MqttCertificate { get; init; }

    /// <summary>Limits of the embedded MQTT server (packet size, connections per IP, ...).</summary>
    public MqttServerOptions Mqtt { get; init; } = new();

    public IngestPipelineOptions? Pipeline { get; init; }

    /// <summary>
    /// An external broker (e.g. Mosquitto) to consume from instead of running the embedded server (null: embedded):
    /// the host then joins the broker's shared subscription through <see cref="ExternalBrokerConsumer"/>, and the
    /// broker does device login and ACL.
    /// </summary>
    public string? BrokerUrl { get; init; }

    /// <summary>With <see cref="BrokerUrl"/>: this ingestor's fixed MQTT client id, unique per process and kept across restarts.</summary>
    public string? BrokerClientId { get; init; }

    /// <summary>With <see cref="BrokerUrl"/>: the username and password this ingestor logs in to the broker with (null: none).</summary>
    public Dimo.Mqtt.Client.MqttCredentials? BrokerCredentials { get; init; }

    /// <summary>
    /// With <see cref="BrokerUrl"/>: the admin of Mosquitto's dynamic security plugin. Given, the ingestor provisions the
    /// broker from the registry (its own login with the ingestor role, each device's password and role, revocations)
    /// and reconciles it at start and every <see cref="BrokerReconcileInterval"/> (cloud/docs/device-credential.md).
    /// </summary>
    public Dimo.Mqtt.Client.MqttCredentials? BrokerAdminCredentials { get; init; }

    /// <summary>How often the broker's device clients are reconciled with the registry (changes other ingestors made, failed updates).</summary>
    public TimeSpan BrokerReconcileInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>PostgreSQL instead of the embedded SQLite file.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>
    /// A manufacturer private key (hex) the host may mint with on request (<c>POST /api/dev/mint</c>), for the
    /// demo and the simulator. Never set in production: anyone reaching the API could mint devices.
    /// </summary>
    public string? DevelopmentManufacturerKey { get; init; }

    /// <summary>
    /// The authority (host[:port]) that Sign-In with Ethereum messages must name as their domain, as users reach
    /// this API (e.g. behind a proxy: <c>api.example.org</c>). Null: the HTTP listen address and bound port.
    /// </summary>
    public string? SiweDomain { get; init; }

    /// <summary>
    /// The operator's secret (at least 16 characters): exchanged at <c>/login</c> for a session cookie, or sent as a
    /// bearer token; it guards the dashboard and every operator-only endpoint. Null: nobody logs in as the operator, and
    /// <c>/metrics</c> and <c>/api/stats</c> answer only on loopback.
    /// </summary>
    public string? OperatorToken { get; init; }

    /// <summary>
    /// On shutdown, how long <c>/readyz</c> reports draining before the MQTT listener stops accepting, so a load balancer
    /// can stop sending devices here first. Zero by default (tests, the demo); <c>dimo ingest</c> sets it.
    /// </summary>
    public TimeSpan DrainGrace { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Run the weekly rewards job inside this host with these rules (points per device type), checking for due weeks
    /// every <see cref="RewardsCheckInterval"/>; null: weeks are computed only by <c>dimo rewards run</c>.
    /// </summary>
    public Dimo.Rewards.Rules.RewardRules? RewardsSchedule { get; init; }

    public TimeSpan RewardsCheckInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>EIP-712 domain: DIMO's Polygon chain id by default.</summary>
    public BigInteger ChainId { get; init; } = 137;

    /// <summary>EIP-712 domain: the registry contract address the signatures are bound to (0x + 40 hex digits).</summary>
    public string VerifyingContract { get; init; } = "0xFA8beC73cebB9D88FF88a2f75E7D7312f2Fd39EC";

    /// <summary>
    /// The operator address whose EIP-191 signature a vehicle config's decoder table must carry (the address the dongles
    /// trust); null accepts any valid signature and leaves the check to the dongles.
    /// </summary>
    public string? ConfigSigner { get; init; }
}
