using Dimo.Ingest.Storage.Sql;

namespace Dimo.Ingest.Registry.Passwords;

/// <summary><see cref="IDevicePasswordStore"/> on the registry's database (table <c>device_passwords</c>).</summary>
public sealed class SqlDevicePasswordStore : IDevicePasswordStore
{
    private readonly SqlDatabase _database;

    private SqlDevicePasswordStore(SqlDatabase database) => _database = database;

    /// <summary>Migrates the schema; the caller keeps ownership of <paramref name="database"/>.</summary>
    public static async Task<SqlDevicePasswordStore> OpenAsync(SqlDatabase database, CancellationToken cancellationToken = default)
    {
        await SchemaMigrator.MigrateAsync(database, SchemaMigrations.All, cancellationToken);
        return new SqlDevicePasswordStore(database);
    }

    public Task<DevicePasswordRecord?> FindAsync(byte[] address, CancellationToken cancellationToken = default) =>
        _database.RunAsync(async c => (await SqlCommands.QueryAsync(c,
            "SELECT address, generation, password, registered_ms FROM device_passwords WHERE address = @a",
            Read, cancellationToken, ("@a", address))).SingleOrDefault(), cancellationToken);

    public async Task<DevicePasswordRecord> StoreAsync(DevicePasswordRecord record, CancellationToken cancellationToken = default)
    {
        // One statement, so two ingestors registering different generations at once cannot lower the stored one.
        await _database.RunAsync(c => SqlCommands.ExecuteAsync(c,
            "INSERT INTO device_passwords (address, generation, password, registered_ms) VALUES (@a, @g, @p, @t) "
            + "ON CONFLICT (address) DO UPDATE SET generation = excluded.generation, password = excluded.password, registered_ms = excluded.registered_ms "
            + "WHERE device_passwords.generation < excluded.generation",
            null, cancellationToken, ("@a", record.Address), ("@g", record.Generation), ("@p", record.Password), ("@t", record.RegisteredMs)), cancellationToken);
        return (await FindAsync(record.Address, cancellationToken))!;
    }

    public async Task<IReadOnlyList<DevicePasswordRecord>> ListLiveAsync(CancellationToken cancellationToken = default) =>
        await _database.RunAsync(c => SqlCommands.QueryAsync(c,
            "SELECT p.address, p.generation, p.password, p.registered_ms FROM device_passwords p "
            + "JOIN devices d ON d.address = p.address WHERE d.revoked_ms IS NULL ORDER BY p.address",
            Read, cancellationToken), cancellationToken);

    private static DevicePasswordRecord Read(System.Data.Common.DbDataReader r) =>
        new((byte[])r.GetValue(0), r.GetInt32(1), r.GetString(2), r.GetInt64(3));
}
