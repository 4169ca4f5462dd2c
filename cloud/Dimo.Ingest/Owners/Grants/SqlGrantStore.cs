using System.Data.Common;
using Dimo.Ingest.Registry;
using Dimo.Ingest.Storage.Sql;

namespace Dimo.Ingest.Owners.Grants;

/// <summary><see cref="IGrantStore"/> on the registry's database (migration 3 of <see cref="SchemaMigrations"/>).</summary>
public sealed class SqlGrantStore : IGrantStore
{
    private const string Columns = "vehicle_node, nonce, grantee, permissions, expires_ms, source, granted_by, signature, granted_ms, ended_ms, ended_reason";

    private readonly SqlDatabase _database;

    private SqlGrantStore(SqlDatabase database) => _database = database;

    /// <summary>Migrates the schema; the caller keeps ownership of <paramref name="database"/>.</summary>
    public static async Task<SqlGrantStore> OpenAsync(SqlDatabase database, CancellationToken cancellationToken = default)
    {
        await SchemaMigrator.MigrateAsync(database, SchemaMigrations.All, cancellationToken);
        return new SqlGrantStore(database);
    }

    public async Task AddAsync(GrantRecord grant, CancellationToken cancellationToken = default)
    {
        try
        {
            await _database.RunInTransactionAsync(async (c, t) =>
            {
                await SqlCommands.ExecuteAsync(c, "UPDATE grants SET ended_ms = @now, ended_reason = 'replaced' WHERE vehicle_node = @v AND grantee = @g AND ended_ms IS NULL",
                    t, cancellationToken, ("@now", grant.GrantedMs), ("@v", grant.VehicleNode), ("@g", grant.Grantee));
                return await SqlCommands.ExecuteAsync(c, "INSERT INTO grants (" + Columns + ") VALUES (@v, @n, @g, @p, @e, @s, @by, @sig, @at, NULL, NULL)", t, cancellationToken,
                    ("@v", grant.VehicleNode), ("@n", grant.Nonce), ("@g", grant.Grantee), ("@p", grant.Permissions.Bits), ("@e", grant.ExpiresMs),
                    ("@s", grant.Source), ("@by", grant.GrantedBy), ("@sig", grant.Signature), ("@at", grant.GrantedMs));
            }, cancellationToken);
        }
        catch (DbException e) when (_database.IsUniqueViolation(e))
        {
            throw new RegistryException(RegistryError.Conflict, "this grant's nonce was already used on the vehicle: sign a new grant with a fresh nonce");
        }
    }

    public Task<IReadOnlyList<GrantRecord>> ListByVehicleAsync(long vehicleNode, CancellationToken cancellationToken = default) =>
        QueryAsync("vehicle_node = @k ORDER BY granted_ms DESC, nonce", vehicleNode, cancellationToken);

    public Task<IReadOnlyList<GrantRecord>> ListOpenByGranteeAsync(byte[] grantee, CancellationToken cancellationToken = default) =>
        QueryAsync("grantee = @k AND ended_ms IS NULL ORDER BY vehicle_node", grantee, cancellationToken);

    private Task<IReadOnlyList<GrantRecord>> QueryAsync(string condition, object key, CancellationToken cancellationToken) =>
        _database.RunAsync<IReadOnlyList<GrantRecord>>(async c => await SqlCommands.QueryAsync(c, "SELECT " + Columns + " FROM grants WHERE " + condition,
            r => new GrantRecord(r.GetInt64(0), r.GetString(1), (byte[])r.GetValue(2), new PermissionSet(r.GetInt64(3)), r.GetInt64(4), r.GetString(5),
                (byte[])r.GetValue(6), (byte[])r.GetValue(7), r.GetInt64(8), SqlCommands.NullableInt64(r, 9), SqlCommands.NullableString(r, 10)),
            cancellationToken, ("@k", key)), cancellationToken);

    public async Task<bool> EndAsync(long vehicleNode, byte[] grantee, long nowMs, string reason, CancellationToken cancellationToken = default) =>
        await _database.RunAsync(c => SqlCommands.ExecuteAsync(c, "UPDATE grants SET ended_ms = @now, ended_reason = @r WHERE vehicle_node = @v AND grantee = @g AND ended_ms IS NULL",
            null, cancellationToken, ("@now", nowMs), ("@r", reason), ("@v", vehicleNode), ("@g", grantee)), cancellationToken) > 0;

    public async Task<long> GetTransferCountAsync(long vehicleNode, CancellationToken cancellationToken = default) =>
        (await _database.RunAsync(c => SqlCommands.QueryAsync(c, "SELECT transfers FROM vehicles WHERE node = @v", r => r.GetInt64(0), cancellationToken, ("@v", vehicleNode)),
            cancellationToken)).SingleOrDefault();

    public Task<bool> TransferAsync(long vehicleNode, long expectedTransfers, byte[] newOwner, long nowMs, CancellationToken cancellationToken = default) =>
        _database.RunInTransactionAsync(async (c, t) =>
        {
            var changed = await SqlCommands.ExecuteAsync(c, "UPDATE vehicles SET owner = @o, transfers = transfers + 1 WHERE node = @v AND transfers = @n",
                t, cancellationToken, ("@o", newOwner), ("@v", vehicleNode), ("@n", expectedTransfers));
            if (changed != 1)
                return false;
            await SqlCommands.ExecuteAsync(c, "UPDATE grants SET ended_ms = @now, ended_reason = 'transferred' WHERE vehicle_node = @v AND ended_ms IS NULL",
                t, cancellationToken, ("@now", nowMs), ("@v", vehicleNode));
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<long>> ListOwnedVehiclesAsync(byte[] owner, CancellationToken cancellationToken = default) =>
        _database.RunAsync<IReadOnlyList<long>>(async c => await SqlCommands.QueryAsync(c, "SELECT node FROM vehicles WHERE owner = @o ORDER BY node",
            r => r.GetInt64(0), cancellationToken, ("@o", owner)), cancellationToken);
}
