using BenchmarkDotNet.Attributes;
using Dimo.Core.Crypto;
using Microsoft.Extensions.Time.Testing;
using Dimo.Ingest.Operations;
using Dimo.Ingest.Storage.Sql;
using Dimo.Ingest.Storage.Sqlite;
using Dimo.Testing;

namespace Dimo.Benchmarks.Ingest;

/// <summary>
/// The operator's devices view over 100,000 paired devices that all sent batches today: one page (50 rows) sorted by
/// last seen, with and without a search, from the cached registry list, and with the registry list reloaded (what every
/// fifth second's first request pays).
/// dotnet run -c Release --project tests/Dimo.Benchmarks -- --filter '*DevicesViewBenchmarks*' --job short --inProcess
/// </summary>
[MemoryDiagnoser]
public class DevicesViewBenchmarks
{
    private const int Devices = 100_000;

    private readonly TempDirectory _directory = new("dimo-bench-devices");
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000));
    private SqlBatchStore _store = null!;
    private DeviceDirectoryView _view = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _store = await SqlBatchStore.OpenAsync(new SqliteDatabase(_directory.Path));
        await SqlRegistryStoreRows.InsertAsync(_store.Database, Devices);
        var activity = new IngestActivity(_clock);
        for (var i = 0; i < Devices; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(1));
            activity.Accepted(Address(i), 20, TimeSpan.Zero, TimeSpan.Zero);
        }
        _view = new DeviceDirectoryView(_store.Database, activity, _clock);
        await _view.PageAsync(null, "lastSeen", true, 0, 50, CancellationToken.None);
    }

    internal static string Address(int i) => EthAddress.ToLowerString(Keccak256.Hash(BitConverter.GetBytes(i))[12..]);

    [Benchmark]
    public Task<DevicePage> Page_sorted_by_last_seen() => _view.PageAsync(null, "lastSeen", true, 5_000, 50, CancellationToken.None);

    [Benchmark]
    public Task<DevicePage> Page_searched_by_vin_part() => _view.PageAsync("VIN0004", "device", false, 0, 50, CancellationToken.None);

    [Benchmark]
    public Task<DevicePage> Page_after_a_registry_reload()
    {
        _clock.Advance(DeviceDirectoryView.RegistryRefresh);
        return _view.PageAsync(null, "lastSeen", true, 0, 50, CancellationToken.None);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _directory.Dispose();
    }

    /// <summary>100,000 devices and vehicles in one transaction (minting them one by one would take minutes).</summary>
    private static class SqlRegistryStoreRows
    {
        public static async Task InsertAsync(SqlDatabase database, int count)
        {
            await Dimo.Ingest.Registry.SqlRegistryStore.OpenAsync(database);
            await database.RunInTransactionAsync(async (connection, transaction) =>
            {
                await Command(connection, transaction, "INSERT INTO manufacturers (address, name, created_ms) VALUES (@m, 'bench', 0)", ("@m", new byte[20])).ExecuteNonQueryAsync();
                for (var i = 0; i < count; i++)
                {
                    await Command(connection, transaction, "INSERT INTO vehicles (node, vin, owner, created_ms) VALUES (@n, @vin, @o, 0)",
                        ("@n", i + 1), ("@vin", "VIN" + i.ToString("D8")), ("@o", new byte[20])).ExecuteNonQueryAsync();
                    await Command(connection, transaction, "INSERT INTO devices (node, address, manufacturer, vehicle_node, minted_ms) VALUES (@n, @a, @m, @n, 0)",
                        ("@n", i + 1), ("@a", EthAddress.Parse(Address(i))), ("@m", new byte[20])).ExecuteNonQueryAsync();
                }
                return 0;
            }, CancellationToken.None);
        }

        private static System.Data.Common.DbCommand Command(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string sql,
            params (string Name, object Value)[] parameters)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }
            return command;
        }
    }
}
