namespace Dimo.Ingest.Storage;

/// <summary>The database could not be reached or failed to commit; the caller should retry later.</summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
