using System.Net.Http.Headers;
using Dimo.Core.Crypto;
using Dimo.Ingest.Hosting;
using Dimo.Simulator.Dongles;
using Dimo.Simulator.Provisioning;
using Dimo.Simulator.Tests.Dongles;
using Dimo.Testing;

namespace Dimo.Simulator.Tests.Config;

/// <summary>
/// Issue 13, broker mode: an ingestor consuming from Mosquitto publishes a config it is given over HTTP retained on
/// the broker, and a virtual dongle that connects to the broker afterwards applies it.
/// </summary>
public class Config_reaches_a_dongle_through_an_external_broker
{
    private const string OperatorToken = "operator-token-for-broker-config-0123456789";

    [MosquittoFact]
    public async Task A_config_set_before_the_dongle_connects_is_retained_on_the_broker_and_applied()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var directory = new TempDirectory("dimo-sim-broker-config");
        await using var host = await IngestHost.StartAsync(new IngestHostOptions
        {
            DataDirectory = directory.Path,
            HttpPort = 0,
            BrokerUrl = broker.Url.ToString(),
            BrokerClientId = "ingest-config-test",
            DevelopmentManufacturerKey = Hex.Encode(PrivateKey.Generate(new SeededEntropy(42)).ToBytes()),
            OperatorToken = OperatorToken,
        });
        using var http = new HttpClient { BaseAddress = host.HttpBaseAddress };
        using var operatorHttp = new HttpClient { BaseAddress = host.HttpBaseAddress };
        operatorHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorToken);
        var key = PrivateKey.Generate(new SeededEntropy(11));
        var node = await new RegistryClient(http).ProvisionAsync(key, PrivateKey.Generate(new SeededEntropy(12)), VirtualDongleOptions.VinFor(11), CancellationToken.None);

        var set = await new RegistryClient(operatorHttp).SetVehicleConfigAsync(node.VehicleNode, "0C=1, vin=once", null, null, CancellationToken.None);
        Assert.True(set.GetProperty("published").GetBoolean());

        await using var dongle = new VirtualDongle(new VirtualDongleOptions
        {
            Mqtt = broker.Url,
            Key = key,
            Vin = VirtualDongleOptions.VinFor(11),
            PollTemplate = FastPolls.Template(),
            SampleIntervalMilliseconds = 100,
            BatchIntervalMilliseconds = 300,
        });
        await dongle.ConnectAsync();
        int version = set.GetProperty("version").GetInt32();
        await new VirtualFleet([dongle]).RunUntilAsync(() => dongle.ConfigVersion == version, TimeSpan.FromSeconds(30));

        Assert.Equal(version, dongle.ConfigVersion);
        Assert.Equal("0C=1, vin=once", dongle.Loop.Config!.TemplateText);
    }
}
