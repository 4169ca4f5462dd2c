namespace Dimo.Ingest.Registry;

public sealed class RegistryException(RegistryError error, string message) : Exception(message)
{
    public RegistryError Error { get; } = error;
}
