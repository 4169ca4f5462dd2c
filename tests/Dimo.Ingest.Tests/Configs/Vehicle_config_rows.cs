using Dimo.Ingest.Configs;
using Dimo.Ingest.Tests.Storage;
using Dimo.Testing;

namespace Dimo.Ingest.Tests.Configs;

public abstract class Vehicle_config_rows(StorageBackend backend) : StorageSuite(backend)
{
    [ServerFact]
    public async Task Every_set_takes_the_next_version_of_one_sequence_for_all_vehicles()
    {
        var configs = await SqlVehicleConfigStore.OpenAsync(Store.Database);

        var first = await configs.SetAsync(1, "0C=5", null, null, 100);
        var other = await configs.SetAsync(2, "0D=5", null, null, 101);
        var again = await configs.SetAsync(1, "0C=1", null, null, 102);

        Assert.Equal(1, first.Version);
        Assert.Equal(2, other.Version);
        Assert.Equal(3, again.Version);
        var stored = await configs.GetAsync(1);
        Assert.Equal("0C=1", stored!.Template);
        Assert.Equal(102, stored.UpdatedMs);
        Assert.Null(stored.DecoderTable);
        Assert.Null(await configs.GetAsync(3));
    }

    [ServerFact]
    public async Task A_table_and_its_signature_are_kept_and_cleared_by_a_set_without_one()
    {
        var configs = await SqlVehicleConfigStore.OpenAsync(Store.Database);
        byte[] table = [1, 2, 3, 4];
        byte[] signature = Enumerable.Range(0, 65).Select(i => (byte)i).ToArray();

        await configs.SetAsync(7, "0C=5", table, signature, 100);
        var stored = await configs.GetAsync(7);
        Assert.Equal(table, stored!.DecoderTable);
        Assert.Equal(signature, stored.TableSignature);

        await configs.SetAsync(7, "0C=5", null, null, 101);
        Assert.Null((await configs.GetAsync(7))!.DecoderTable);
        Assert.Single(await configs.AllAsync());
    }

    public sealed class On_sqlite() : Vehicle_config_rows(new SqliteBackend());

    [RequiresPostgres, Collection(PostgresCollection.Name)]
    public sealed class On_postgres(PostgresFixture fixture) : Vehicle_config_rows(new PostgresBackend(fixture));
}
