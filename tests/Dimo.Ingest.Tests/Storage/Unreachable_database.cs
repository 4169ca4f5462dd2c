using Dimo.Ingest.Storage;
using Dimo.Ingest.Storage.Postgres;
using Dimo.Ingest.Storage.Sql;
using Dimo.Testing;

namespace Dimo.Ingest.Tests.Storage;

public sealed class Unreachable_database
{
    [Fact]
    public async Task A_database_nobody_listens_for_is_reported_unavailable_not_as_a_crash()
    {
        var nobody = new PostgresDatabase($"Host=127.0.0.1;Port={FreeTcpPort.Next()};Username=postgres;Database=none;Timeout=2");

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => SqlBatchStore.OpenAsync(nobody));

        Assert.Contains("postgres unavailable", error.Message);
    }
}
