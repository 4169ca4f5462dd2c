namespace Dimo.Ingest.Rewards;

/// <summary>The weekly job refused a week (unfinished, or out of order); the message says what to do.</summary>
public sealed class RewardsJobException(string message) : Exception(message);
