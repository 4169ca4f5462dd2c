using Dimo.Core.Crypto;
using Dimo.Ingest.Pipeline;
using Dimo.Ingest.Query;
using Dimo.Ingest.Registry;
using Dimo.Ingest.Storage;

namespace Dimo.Ingest.Http;

/// <summary>
/// What the endpoints work with. <see cref="DevelopmentKey"/> is null unless the host was given one;
/// <see cref="MqttListening"/> tells <c>/healthz</c> whether the MQTT side is up (null: the host serves no MQTT).
/// </summary>
public sealed record ApiContext(IBatchStore Store, RegistryService Registry, HistoryQuery History, IngestPipeline Pipeline, PrivateKey? DevelopmentKey,
    Func<bool>? MqttListening = null);
