using System.Net.Http.Headers;
using Dimo.Core.Crypto;
using Dimo.Core.Dongle.Config;
using Dimo.Dbc.Compilation;
using Dimo.Dbc.Filters;
using Dimo.Dbc.Parsing;
using Dimo.Ingest.Hosting;
using Dimo.Simulator.Dongles;
using Dimo.Simulator.Provisioning;
using Dimo.Simulator.Tests.Dongles;
using Dimo.Testing;

namespace Dimo.Simulator.Tests.Config;

/// <summary>
/// Issue 13: the operator sets a vehicle's config over HTTP; the ingestor publishes it retained on the paired device's
/// config topic of its embedded MQTT server; the virtual dongle (the core's loop) applies it and reports its version.
/// </summary>
public sealed class Config_set_over_http_reaches_the_dongle_over_mqtt : IAsyncLifetime
{
    private const string OperatorToken = "operator-token-for-config-tests-0123456789";
    private static readonly PrivateKey Operator = PrivateKey.Generate(new SeededEntropy(77));
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _directory = new("dimo-sim-config");
    private IngestHost _host = null!;
    private HttpClient _http = null!;
    private HttpClient _operatorHttp = null!;

    public async Task InitializeAsync()
    {
        _host = await IngestHost.StartAsync(new IngestHostOptions
        {
            DataDirectory = _directory.Path,
            HttpPort = 0,
            MqttPort = 0,
            DevelopmentManufacturerKey = Hex.Encode(PrivateKey.Generate(new SeededEntropy(42)).ToBytes()),
            OperatorToken = OperatorToken,
            ConfigSigner = Operator.ChecksumAddress,
        });
        _http = new HttpClient { BaseAddress = _host.HttpBaseAddress };
        _operatorHttp = new HttpClient { BaseAddress = _host.HttpBaseAddress };
        _operatorHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorToken);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _operatorHttp.Dispose();
        await _host.DisposeAsync();
        _directory.Dispose();
    }

    private async Task<(VirtualDongle Dongle, long Vehicle)> ProvisionAsync(int seed, IConfigStorage? storage = null)
    {
        var key = PrivateKey.Generate(new SeededEntropy(seed));
        var node = await new RegistryClient(_http).ProvisionAsync(key, PrivateKey.Generate(new SeededEntropy(seed + 1000)), VirtualDongleOptions.VinFor(seed), CancellationToken.None);
        return (Dongle(key, storage), node.VehicleNode);
    }

    private VirtualDongle Dongle(PrivateKey key, IConfigStorage? storage) => new(new VirtualDongleOptions
    {
        Mqtt = new Uri("mqtt://127.0.0.1:" + _host.MqttPort),
        Key = key,
        Vin = "unused",
        PollTemplate = FastPolls.Template(),
        SampleIntervalMilliseconds = 100,
        BatchIntervalMilliseconds = 300,
        ConfigSigner = Operator.Address,
        ConfigStorage = storage,
    });

    private static async Task RunUntilAsync(VirtualDongle dongle, Func<bool> condition)
    {
        await new VirtualFleet([dongle]).RunUntilAsync(condition, Patience);
        Assert.True(condition(), "the dongle runs config version " + dongle.ConfigVersion + ", rejected: " + dongle.Loop.Config?.LastErrorMessage);
    }

    [Fact]
    public async Task A_template_set_over_http_is_applied_by_the_connected_dongle_and_ignored_after_a_reboot()
    {
        var (dongle, vehicle) = await ProvisionAsync(1);
        var storage = new MemoryConfigStorage();
        await dongle.DisposeAsync();
        dongle = Dongle(PrivateKey.Generate(new SeededEntropy(1)), storage);
        await dongle.ConnectAsync();
        Assert.Equal(0, dongle.ConfigVersion);

        var set = await new RegistryClient(_operatorHttp).SetVehicleConfigAsync(vehicle, "0C=1, 0D=1, vin=once", null, null, CancellationToken.None);
        int version = set.GetProperty("version").GetInt32();
        Assert.True(set.GetProperty("published").GetBoolean());
        Assert.Equal(dongle.Options.Key.ChecksumAddress, set.GetProperty("device").GetString());

        await RunUntilAsync(dongle, () => dongle.ConfigVersion == version);
        Assert.Equal("0C=1, 0D=1, vin=once", dongle.Loop.Config!.TemplateText);
        long sealedBefore = dongle.Loop.BatchesAcknowledged;
        await RunUntilAsync(dongle, () => dongle.Loop.BatchesAcknowledged > sealedBefore + 2);
        await dongle.DisposeAsync();

        // Rebooted with the same storage: it runs the stored version, and the retained copy it receives again is ignored.
        var rebooted = Dongle(PrivateKey.Generate(new SeededEntropy(1)), storage);
        Assert.Equal(version, rebooted.ConfigVersion);
        await rebooted.ConnectAsync();
        await RunUntilAsync(rebooted, () => rebooted.Loop.Config!.Ignored >= 1);
        Assert.Equal(version, rebooted.ConfigVersion);
        await rebooted.DisposeAsync();
    }

    [Fact]
    public async Task A_dongle_that_connects_later_receives_the_retained_config_with_its_signed_table()
    {
        var (dongle, vehicle) = await ProvisionAsync(2);
        var table = HondaTable();
        var set = await new RegistryClient(_operatorHttp).SetVehicleConfigAsync(vehicle, "0C=1, vin=once", table,
            Operator.SignPersonalMessage(table, 0, table.Length), CancellationToken.None);
        Assert.Equal(Operator.ChecksumAddress, set.GetProperty("tableSigner").GetString());

        await dongle.ConnectAsync();
        await RunUntilAsync(dongle, () => dongle.ConfigVersion == set.GetProperty("version").GetInt32());

        Assert.NotNull(dongle.Loop.Config!.Table);
        Assert.Equal(DecoderTableOf(table).MessageCount, dongle.Loop.Config.Table!.MessageCount);
        await dongle.DisposeAsync();
    }

    [Fact]
    public async Task A_table_signed_by_another_key_or_too_big_is_refused_over_http()
    {
        var (dongle, vehicle) = await ProvisionAsync(3);
        await dongle.DisposeAsync();
        var client = new RegistryClient(_operatorHttp);
        var table = HondaTable();
        var stranger = PrivateKey.Generate(new SeededEntropy(5));

        var wrongSigner = await Assert.ThrowsAsync<ProvisioningException>(() =>
            client.SetVehicleConfigAsync(vehicle, "0C=1", table, stranger.SignPersonalMessage(table, 0, table.Length), CancellationToken.None));
        Assert.Contains("403", wrongSigner.Message);
        Assert.Contains("not by the operator key the dongles trust", wrongSigner.Message);

        var huge = new byte[DeviceConfigFormat.MaxTableBytes + 1];
        var tooBig = await Assert.ThrowsAsync<ProvisioningException>(() =>
            client.SetVehicleConfigAsync(vehicle, "0C=1", huge, Operator.SignPersonalMessage(huge, 0, huge.Length), CancellationToken.None));
        Assert.Contains("400", tooBig.Message);
        Assert.Contains("at most 3072", tooBig.Message);

        var badTemplate = await Assert.ThrowsAsync<ProvisioningException>(() => client.SetVehicleConfigAsync(vehicle, "0C=fast", null, null, CancellationToken.None));
        Assert.Contains("template", badTemplate.Message);

        var anonymous = await Assert.ThrowsAsync<ProvisioningException>(() =>
            new RegistryClient(_http).SetVehicleConfigAsync(vehicle, "0C=1", null, null, CancellationToken.None));
        Assert.Contains("401", anonymous.Message);
    }

    private static byte[] HondaTable()
    {
        var selection = DbcSelection.Load(RepositoryRoot.File("cloud", "Dimo.Dbc", "selections", "honda_civic_2017.json"));
        return DecoderTableCompiler.Compile(DbcParser.ParseFile(selection.DbcPath), selection, alsoAccept: ObdResponseKeys.Standard).Bytes;
    }

    private static Dimo.Core.Can.DecoderTable DecoderTableOf(byte[] bytes) => Dimo.Core.Can.DecoderTable.Load(bytes);
}
