using System.Net;
using Dimo.Core.Crypto;
using Dimo.Ingest.Hosting;
using Dimo.Verification.TypedData;
using Dimo.Ingest.Tests.Hosting;
using Dimo.Ingest.Tests.Pipeline;
using Dimo.Testing;
using MQTTnet;
using MQTTnet.Protocol;
using static Dimo.Ingest.Tests.BrokerSecurity.DynamicSecurityBroker;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.BrokerSecurity;

/// <summary>
/// <c>dimo ingest --broker … --broker-admin-user …</c> as a host: it gives itself the ingestor role, mirrors each
/// registered password into Mosquitto, takes the device's batches from the shared subscription, and cuts a revoked
/// device off.
/// </summary>
[RequiresMosquitto]
public sealed class An_ingestor_in_broker_mode_provisions_mosquitto_from_its_registry
{
    private static Task<(IMqttClient, MqttClientConnectResultCode)> DeviceLoginAsync(MosquittoBroker broker, PrivateKey device) =>
        TryConnectAsync(broker, "dongle-" + Address(device)[2..10], Address(device), DevicePassword.Create(device, 0));

    [ServerFact]
    public async Task A_registered_device_delivers_through_mosquitto_until_it_is_revoked()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync(new MosquittoOptions { DynamicSecurityAdmin = Admin });
        using var directory = new TempDirectory("dimo-broker-mode");
        await using var host = await IngestHost.StartAsync(new IngestHostOptions
        {
            DataDirectory = directory.Path,
            HttpPort = 0,
            BrokerUrl = mosquitto.Url.ToString(),
            BrokerClientId = "ingest-provisioning",
            BrokerCredentials = Ingestor,
            BrokerAdminCredentials = new(Admin.Username, Admin.Password),
            DevelopmentManufacturerKey = Hex.Encode(Keys.Manufacturer.ToBytes()),
        });
        using var http = new HttpClient { BaseAddress = host.HttpBaseAddress };
        var registry = new RegistryApiClient(host, http);
        var device = Keys.Device;
        var deviceNode = await registry.MintAsync(device);
        await registry.ClaimAsync(deviceNode, device);
        await registry.PairAsync(deviceNode, await registry.CreateVehicleAsync("1HGCM82633A004352"));

        var (early, earlyCode) = await DeviceLoginAsync(mosquitto, device);
        using (early)
            Assert.Equal(MqttClientConnectResultCode.NotAuthorized, earlyCode);
        await registry.PostAsync($"/api/devices/by-address/{Address(device)}/password", new { password = DevicePassword.Create(Keys.Stranger, 0) },
            HttpStatusCode.BadRequest);
        var registered = await registry.PostAsync($"/api/devices/by-address/{Address(device)}/password", new { password = DevicePassword.Create(device, 0) },
            HttpStatusCode.OK);
        Assert.Equal(0, registered.GetProperty("generation").GetInt32());

        var (dongle, code) = await DeviceLoginAsync(mosquitto, device);
        using (dongle)
        {
            Assert.Equal(MqttClientConnectResultCode.Success, code);
            var cutOff = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            dongle.DisconnectedAsync += _ =>
            {
                cutOff.TrySetResult();
                return Task.CompletedTask;
            };
            var batch = PipelineHarness.Batch(device, 1, 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 1000);
            var published = await dongle.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Batches(device)).WithPayload(batch)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            Assert.Equal(MqttClientPublishReasonCode.Success, published.ReasonCode);
            await Mosquitto_confines_devices_provisioned_from_the_registry.WaitUntilAsync(
                () => host.Store.GetCountsAsync().GetAwaiter().GetResult().Batches == 1, "the batch was never stored\n" + mosquitto.Log);

            await registry.PostAsync($"/api/devices/{deviceNode}/revoke",
                new { signature = registry.Sign(Keys.Manufacturer, DimoMessages.RevokeAftermarketDevice, deviceNode) }, HttpStatusCode.OK);

            await cutOff.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }
        var (again, againCode) = await DeviceLoginAsync(mosquitto, device);
        using (again)
            Assert.Equal(MqttClientConnectResultCode.NotAuthorized, againCode);
    }
}
