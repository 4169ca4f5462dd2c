using Dimo.Core.Crypto;
using Dimo.Ingest.Registry;
using Dimo.Ingest.Storage.Sql;

namespace Dimo.Benchmarks.Ingest;

/// <summary>
/// Device identities for the ingest benchmarks, minted and paired straight into a database before any ingestor
/// starts on it, so registration is never part of a measurement. Keys are derived from <c>keySeed + i</c>, so
/// benchmarks with different seeds never share a device.
/// </summary>
public static class PairedBenchmarkDevices
{
    public static async Task<List<PrivateKey>> RegisterAsync(SqlDatabase database, int count, int keySeed, string vinPrefix)
    {
        var registry = await SqlRegistryStore.OpenAsync(database);
        var manufacturer = new byte[20];
        await registry.EnsureManufacturerAsync(manufacturer, "bench", 0);
        var devices = new List<PrivateKey>(count);
        for (var i = 0; i < count; i++)
        {
            var key = PrivateKey.FromBytes(Keccak256.Hash(BitConverter.GetBytes(keySeed + i)));
            devices.Add(key);
            var device = await registry.MintDeviceAsync(key.Address, manufacturer, 0);
            var vehicle = await registry.CreateVehicleAsync(vinPrefix + i, manufacturer, 0);
            await registry.SetPairingAsync(device.Node, vehicle.Node);
        }
        return devices;
    }
}
