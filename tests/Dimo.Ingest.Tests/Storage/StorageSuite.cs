using Dimo.Ingest.Storage.Sql;

namespace Dimo.Ingest.Tests.Storage;

/// <summary>
/// Base of the storage suites: each test gets a migrated, empty store on its backend. Every suite has two
/// nested concrete classes, one per backend, so the same facts run against SQLite and PostgreSQL.
/// </summary>
public abstract class StorageSuite(StorageBackend backend) : IAsyncLifetime
{
    protected StorageBackend Backend { get; } = backend;

    protected SqlBatchStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await SqlBatchStore.OpenAsync(Backend.CreateDatabase());

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        Backend.Dispose();
    }
}
