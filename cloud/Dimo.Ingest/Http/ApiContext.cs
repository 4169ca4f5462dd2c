using Dimo.Core.Crypto;
using Dimo.Ingest.Pipeline;
using Dimo.Ingest.Query;
using Dimo.Ingest.Registry;
using Dimo.Ingest.Storage;

namespace Dimo.Ingest.Http;

/// <summary>
/// What the endpoints work with. <see cref="DevelopmentKey"/> is null unless the host was given one.
/// </summary>
public sealed record ApiContext(IBatchStore Store, RegistryService Registry, HistoryQuery History, IngestPipeline Pipeline, PrivateKey? DevelopmentKey);
