using System.Data.Common;
using Dimo.Ingest.Storage.Sql;

namespace Dimo.Ingest.Registry;

/// <summary><see cref="IRegistryStore"/> on the same database (and migrations) as the batches.</summary>
public sealed class SqlRegistryStore : IRegistryStore
{
    private const string DeviceColumns = "node, address, manufacturer, owner, vehicle_node, minted_ms, revoked_ms, device_type, beneficiary";

    private const string VehicleColumns = "node, vin, owner, created_ms, stake_points, stake_end_ms";

    private readonly SqlDatabase _database;

    private SqlRegistryStore(SqlDatabase database) => _database = database;

    /// <summary>Migrates the schema; the caller keeps ownership of <paramref name="database"/>.</summary>
    public static async Task<SqlRegistryStore> OpenAsync(SqlDatabase database, CancellationToken cancellationToken = default)
    {
        await SchemaMigrator.MigrateAsync(database, SchemaMigrations.All, cancellationToken);
        return new SqlRegistryStore(database);
    }

    public async Task<ManufacturerRecord> EnsureManufacturerAsync(byte[] address, string name, long nowMs, CancellationToken cancellationToken = default)
    {
        await _database.RunAsync(c => SqlCommands.ExecuteAsync(c, "INSERT INTO manufacturers (address, name, created_ms) VALUES (@a, @n, @t) ON CONFLICT (address) DO NOTHING",
            null, cancellationToken, ("@a", address), ("@n", name), ("@t", nowMs)), cancellationToken);
        return (await FindManufacturerAsync(address, cancellationToken))!;
    }

    public Task<ManufacturerRecord?> FindManufacturerAsync(byte[] address, CancellationToken cancellationToken = default) =>
        _database.RunAsync(async c => (await SqlCommands.QueryAsync(c, "SELECT address, name, created_ms FROM manufacturers WHERE address = @a",
            r => new ManufacturerRecord((byte[])r.GetValue(0), r.GetString(1), r.GetInt64(2)), cancellationToken, ("@a", address))).SingleOrDefault(), cancellationToken);

    public async Task<DeviceRecord> MintDeviceAsync(byte[] address, byte[] manufacturer, long nowMs, CancellationToken cancellationToken = default)
    {
        try
        {
            await _database.RunAsync(c => SqlCommands.ExecuteAsync(c, "INSERT INTO devices (address, manufacturer, minted_ms) VALUES (@a, @m, @t)",
                null, cancellationToken, ("@a", address), ("@m", manufacturer), ("@t", nowMs)), cancellationToken);
        }
        catch (DbException e) when (_database.IsUniqueViolation(e))
        {
            throw new RegistryException(RegistryError.Conflict, "device already minted");
        }
        return (await FindDeviceByAddressAsync(address, cancellationToken))!;
    }

    public Task<DeviceRecord?> FindDeviceByAddressAsync(byte[] address, CancellationToken cancellationToken = default) =>
        QueryDeviceAsync("address = @k", address, cancellationToken);

    public Task<DeviceRecord?> GetDeviceAsync(long node, CancellationToken cancellationToken = default) =>
        QueryDeviceAsync("node = @k", node, cancellationToken);

    public Task<DeviceRecord?> FindDeviceByVehicleAsync(long vehicleNode, CancellationToken cancellationToken = default) =>
        QueryDeviceAsync("vehicle_node = @k", vehicleNode, cancellationToken);

    private Task<DeviceRecord?> QueryDeviceAsync(string condition, object key, CancellationToken cancellationToken) =>
        _database.RunAsync(async c => (await SqlCommands.QueryAsync(c, "SELECT " + DeviceColumns + " FROM devices WHERE " + condition,
            r => new DeviceRecord(r.GetInt64(0), (byte[])r.GetValue(1), (byte[])r.GetValue(2), r.IsDBNull(3) ? null : (byte[])r.GetValue(3),
                SqlCommands.NullableInt64(r, 4), r.GetInt64(5), SqlCommands.NullableInt64(r, 6), r.GetString(7), r.IsDBNull(8) ? null : (byte[])r.GetValue(8)),
            cancellationToken, ("@k", key))).SingleOrDefault(), cancellationToken);

    public Task SetDeviceOwnerAsync(long node, byte[] owner, CancellationToken cancellationToken = default) =>
        UpdateOneAsync("UPDATE devices SET owner = @v WHERE node = @n", node, owner, cancellationToken);

    public async Task<VehicleRecord> CreateVehicleAsync(string vin, byte[] owner, long nowMs, CancellationToken cancellationToken = default)
    {
        var node = await _database.RunAsync(async c => (await SqlCommands.QueryAsync(c, "INSERT INTO vehicles (vin, owner, created_ms) VALUES (@v, @o, @t) RETURNING node",
            r => r.GetInt64(0), cancellationToken, ("@v", vin), ("@o", owner), ("@t", nowMs))).Single(), cancellationToken);
        return (await GetVehicleAsync(node, cancellationToken))!;
    }

    public Task<VehicleRecord?> GetVehicleAsync(long node, CancellationToken cancellationToken = default) =>
        QueryVehicleAsync("node = @k", node, cancellationToken);

    private Task<VehicleRecord?> QueryVehicleAsync(string condition, object key, CancellationToken cancellationToken) =>
        _database.RunAsync(async c => (await SqlCommands.QueryAsync(c, "SELECT " + VehicleColumns + " FROM vehicles WHERE " + condition,
            r => new VehicleRecord(r.GetInt64(0), r.GetString(1), (byte[])r.GetValue(2), r.GetInt64(3), SqlCommands.NullableInt64(r, 4), SqlCommands.NullableInt64(r, 5)), cancellationToken, ("@k", key))).SingleOrDefault(), cancellationToken);

    public async Task SetPairingAsync(long deviceNode, long? vehicleNode, CancellationToken cancellationToken = default)
    {
        try
        {
            await UpdateOneAsync("UPDATE devices SET vehicle_node = @v WHERE node = @n", deviceNode, vehicleNode, cancellationToken);
        }
        catch (DbException e) when (_database.IsUniqueViolation(e))
        {
            throw new RegistryException(RegistryError.Conflict, "the vehicle is already paired with another device");
        }
    }

    public Task SetDeviceTypeAsync(long node, string deviceType, CancellationToken cancellationToken = default) =>
        UpdateOneAsync("UPDATE devices SET device_type = @v WHERE node = @n", node, deviceType, cancellationToken);

    public Task SetBeneficiaryAsync(long node, byte[]? beneficiary, CancellationToken cancellationToken = default) =>
        UpdateOneAsync("UPDATE devices SET beneficiary = @v WHERE node = @n", node, beneficiary, cancellationToken);

    public async Task SetStakeAsync(long vehicleNode, long? points, long? endMs, CancellationToken cancellationToken = default)
    {
        var rows = await _database.RunAsync(c => SqlCommands.ExecuteAsync(c, "UPDATE vehicles SET stake_points = @p, stake_end_ms = @e WHERE node = @n", null, cancellationToken,
            ("@n", vehicleNode), ("@p", points), ("@e", endMs)), cancellationToken);
        if (rows != 1)
            throw new RegistryException(RegistryError.NotFound, "no vehicle " + vehicleNode);
    }

    public Task RevokeDeviceAsync(long node, long nowMs, CancellationToken cancellationToken = default) =>
        UpdateOneAsync("UPDATE devices SET revoked_ms = @v, vehicle_node = NULL WHERE node = @n", node, nowMs, cancellationToken);

    private async Task UpdateOneAsync(string sql, long node, object? value, CancellationToken cancellationToken)
    {
        var rows = await _database.RunAsync(c => SqlCommands.ExecuteAsync(c, sql, null, cancellationToken, ("@n", node), ("@v", value)), cancellationToken);
        if (rows != 1)
            throw new RegistryException(RegistryError.NotFound, "no device " + node);
    }
}
