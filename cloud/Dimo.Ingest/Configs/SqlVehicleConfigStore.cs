using Dimo.Ingest.Storage.Sql;

namespace Dimo.Ingest.Configs;

/// <summary>Vehicle configs on the ingest database (SQLite or PostgreSQL, migration 6).</summary>
public sealed class SqlVehicleConfigStore
{
    private const string Columns = "vehicle_node, version, template, decoder_table, table_signature, updated_ms";

    private readonly SqlDatabase _database;

    private SqlVehicleConfigStore(SqlDatabase database) => _database = database;

    public static async Task<SqlVehicleConfigStore> OpenAsync(SqlDatabase database, CancellationToken cancellationToken = default)
    {
        await SchemaMigrator.MigrateAsync(database, SchemaMigrations.All, cancellationToken);
        return new SqlVehicleConfigStore(database);
    }

    /// <summary>Stores the config under the next version of the shared sequence, in one statement; returns it as stored.</summary>
    public async Task<VehicleConfig> SetAsync(long vehicleNode, string template, byte[]? table, byte[]? tableSignature, long nowMs, CancellationToken cancellationToken = default)
    {
        // One statement, so SQLite runs it atomically. On PostgreSQL two concurrent sets may read the same maximum; the
        // CASE still gives a vehicle's row a version above the one it replaces, so its dongle sees every change as newer.
        await _database.RunAsync(c => SqlCommands.ExecuteAsync(c, """
            INSERT INTO vehicle_configs (vehicle_node, version, template, decoder_table, table_signature, updated_ms)
            VALUES (@n, (SELECT COALESCE(MAX(version), 0) + 1 FROM vehicle_configs), @t, @d, @s, @u)
            ON CONFLICT (vehicle_node) DO UPDATE SET
                version = CASE WHEN excluded.version > vehicle_configs.version THEN excluded.version ELSE vehicle_configs.version + 1 END,
                template = excluded.template, decoder_table = excluded.decoder_table, table_signature = excluded.table_signature,
                updated_ms = excluded.updated_ms
            """, null, cancellationToken, ("@n", vehicleNode), ("@t", template), ("@d", table), ("@s", tableSignature), ("@u", nowMs)), cancellationToken);
        return (await GetAsync(vehicleNode, cancellationToken))!;
    }

    public Task<VehicleConfig?> GetAsync(long vehicleNode, CancellationToken cancellationToken = default) =>
        _database.RunAsync(async c => (await SqlCommands.QueryAsync(c, "SELECT " + Columns + " FROM vehicle_configs WHERE vehicle_node = @n", Read,
            cancellationToken, ("@n", vehicleNode))).SingleOrDefault(), cancellationToken);

    /// <summary>Every stored config (republished when an ingestor on an external broker starts).</summary>
    public Task<List<VehicleConfig>> AllAsync(CancellationToken cancellationToken = default) =>
        _database.RunAsync(c => SqlCommands.QueryAsync(c, "SELECT " + Columns + " FROM vehicle_configs ORDER BY vehicle_node", Read, cancellationToken), cancellationToken);

    private static VehicleConfig Read(System.Data.Common.DbDataReader r) => new(r.GetInt64(0), checked((int)r.GetInt64(1)), r.GetString(2),
        r.IsDBNull(3) ? null : (byte[])r.GetValue(3), r.IsDBNull(4) ? null : (byte[])r.GetValue(4), r.GetInt64(5));
}
