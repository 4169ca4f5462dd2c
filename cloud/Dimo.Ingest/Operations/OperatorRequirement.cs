namespace Dimo.Ingest.Operations;

/// <summary>
/// Endpoint metadata: the route is for the operator (session cookie or operator token), and with
/// <see cref="LoopbackAllowed"/> also for callers on the same machine. The guard and the OpenAPI document both read it,
/// so the document states what the filter enforces.
/// </summary>
public sealed record OperatorRequirement(bool LoopbackAllowed);
