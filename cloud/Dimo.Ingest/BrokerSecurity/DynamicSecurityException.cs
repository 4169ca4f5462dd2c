namespace Dimo.Ingest.BrokerSecurity;

/// <summary>The dynamic security plugin refused a command (its own error text is kept).</summary>
public sealed class DynamicSecurityException(string command, string error)
    : Exception("Mosquitto dynamic security refused " + command + ": " + error)
{
    public string Command { get; } = command;
    public string Error { get; } = error;
}
