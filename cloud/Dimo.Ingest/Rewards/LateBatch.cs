namespace Dimo.Ingest.Rewards;

/// <summary>A batch with readings in a week that arrived (<paramref name="ReceivedMs"/>) after the week was computed: flagged, never counted in it.</summary>
public sealed record LateBatch(long VehicleId, string BatchHash, long ReceivedMs);
