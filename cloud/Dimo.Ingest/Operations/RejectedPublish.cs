namespace Dimo.Ingest.Operations;

/// <summary>One refused publish as the operator sees it: device, server time, why. Never the payload.</summary>
public sealed record RejectedPublish(string Device, long TimeMs, string Reason, string Detail);
