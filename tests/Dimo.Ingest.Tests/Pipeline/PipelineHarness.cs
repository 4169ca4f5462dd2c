using Microsoft.Extensions.Time.Testing;
using Dimo.Core.Crypto;
using Dimo.Core.Wire;
using Dimo.Ingest.Pipeline;
using Dimo.Ingest.Registry;
using Dimo.Ingest.Storage.Sql;
using Dimo.Ingest.Storage.Sqlite;
using Dimo.Testing;
using Dimo.Verification.Recovery;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dimo.Ingest.Tests.Pipeline;

/// <summary>
/// A pipeline on a real SQLite store and registry, with real signatures: a manufacturer, one paired device
/// (<see cref="Device"/>, vehicle <see cref="VehicleNode"/>), and helpers that build signed batches.
/// </summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    public static readonly long Now = 1_763_700_000_000; // 2025-11-21, an arbitrary fixed "now"

    private static readonly byte[] Manufacturer = Keys.Manufacturer.Address;
    private readonly TempDirectory _directory = new("dimo-pipeline");

    private PipelineHarness()
    {
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeMilliseconds(Now));

    public SwitchableBatchStore Store { get; private set; } = null!;

    public SqlRegistryStore Registry { get; private set; } = null!;

    public IngestPipeline Pipeline { get; private set; } = null!;

    public PrivateKey Device => Keys.Device;

    public long VehicleNode { get; private set; }

    public static async Task<PipelineHarness> StartAsync(IngestPipelineOptions? options = null, Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        var harness = new PipelineHarness();
        var store = await SqlBatchStore.OpenAsync(new SqliteDatabase(harness._directory.Path));
        harness.Store = new SwitchableBatchStore(store);
        harness.Registry = await SqlRegistryStore.OpenAsync(store.Database);
        await harness.Registry.EnsureManufacturerAsync(Manufacturer, "test", Now);
        harness.VehicleNode = await harness.AddPairedDeviceAsync(Keys.Device, "1HGCM82633A004352");
        harness.Pipeline = new IngestPipeline(harness.Store, harness.Registry, SignatureRecoveryFactory.Create(NullLogger.Instance), harness.Clock,
            logger ?? NullLogger.Instance, options);
        return harness;
    }

    /// <summary>Mints, claims and pairs a device with a new vehicle; returns the vehicle node.</summary>
    public async Task<long> AddPairedDeviceAsync(PrivateKey device, string vin)
    {
        var minted = await Registry.MintDeviceAsync(device.Address, Manufacturer, Now);
        var vehicle = await Registry.CreateVehicleAsync(vin, Keys.Owner.Address, Now);
        await Registry.SetDeviceOwnerAsync(minted.Node, Keys.Owner.Address);
        await Registry.SetPairingAsync(minted.Node, vehicle.Node);
        return vehicle.Node;
    }

    public static string Topic(PrivateKey device) => EthAddress.ToLowerString(device.Address);

    /// <summary>A signed batch of speed readings one second apart, ending at <paramref name="lastMs"/>.</summary>
    public static byte[] Batch(PrivateKey key, uint boot, uint seq, long lastMs, int readings = 3, double firstSpeed = 50)
    {
        var values = Enumerable.Range(0, readings)
            .Select(i => new Reading(1, lastMs - (readings - 1 - i) * 1000L, firstSpeed + i))
            .Append(new Reading(46, lastMs, "1HGCM82633A004352"))
            .ToArray();
        return SignedBatch.Seal(new BatchWriter().WriteBody(boot, seq, values), key);
    }

    public byte[] Batch(uint boot, uint seq, int readings = 3, double firstSpeed = 50) => Batch(Device, boot, seq, Now - 1000, readings, firstSpeed);

    public Task<IngestOutcome> SendAsync(byte[] payload) => Pipeline.ProcessAsync(Topic(Device), payload);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>Fixed test keys (never used for anything real).</summary>
    public static class Keys
    {
        public static readonly PrivateKey Manufacturer = Key("11");
        public static readonly PrivateKey Owner = Key("22");
        public static readonly PrivateKey Device = Key("33");
        public static readonly PrivateKey OtherDevice = Key("44");
        public static readonly PrivateKey Stranger = Key("55");

        private static PrivateKey Key(string pattern) => PrivateKey.FromBytes(Hex.Decode(string.Concat(Enumerable.Repeat(pattern, 32))));
    }
}
