using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Ingest;

/// <summary><c>dimo ingest --broker … --broker-user … --broker-admin-user …</c> against a Mosquitto with dynamic security.</summary>
[RequiresMosquitto]
public class Ingest_provisions_mosquitto_with_the_broker_admin
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly MosquittoCredentials Admin = new("admin", "admin", "admin-password-for-cli-tests");

    [Fact]
    public void A_broker_admin_without_a_broker_is_a_usage_error_naming_broker()
    {
        var run = DimoCli.Run("ingest", "--broker-admin-user", "admin");

        Assert.Equal(2, run.Exit);
        Assert.Contains("--broker-admin-user", run.Errors);
        Assert.Contains("give --broker too", run.Errors);
    }

    [ServerFact]
    public async Task The_ingestor_creates_its_own_login_with_the_ingestor_role_and_consumes_with_it()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { DynamicSecurityAdmin = Admin });
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("ingestor.password"), "ingestor-secret\n");
        File.WriteAllText(dir.File("admin.password"), Admin.Password + "\n");

        using var dimo = DimoProcess.Start("ingest", "--data-dir", dir.Path, "--http-port", "0", "--broker", broker.Url.ToString(),
            "--client-id", "ingest-cli", "--broker-user", "ingestor", "--broker-password-file", dir.File("ingestor.password"),
            "--broker-admin-user", Admin.Username, "--broker-admin-password-file", dir.File("admin.password"));

        Assert.NotNull(await dimo.ReadLineAsync(Patience));
        await using (var ingestor = new MqttClient(new MqttClientOptions
                     {
                         Server = broker.Url,
                         ProtocolVersion = MqttProtocolVersion.V500,
                         ClientId = "another-ingestor",
                         Reconnect = MqttReconnectPolicy.Never,
                         Credentials = _ => ValueTask.FromResult<MqttCredentials?>(new("ingestor", "ingestor-secret")),
                     }))
        {
            await ingestor.ConnectAsync();
            Assert.Equal(MqttReasonCode.GrantedQoS1, await ingestor.SubscribeAsync("$share/ingest/dimo/v1/devices/+/batches", MqttQualityOfService.AtLeastOnce));
            Assert.Equal(MqttReasonCode.NotAuthorized, await ingestor.SubscribeAsync("$CONTROL/dynamic-security/v1/response", MqttQualityOfService.AtLeastOnce));
        }
        Assert.Equal(0, await dimo.TerminateAsync(Patience));
    }

    [ServerFact]
    public async Task A_wrong_admin_password_fails_at_start_with_one_line_naming_the_broker()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { DynamicSecurityAdmin = Admin });
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("admin.password"), "not-the-admin-password");

        using var dimo = DimoProcess.Start("ingest", "--data-dir", dir.Path, "--http-port", "0", "--broker", broker.Url.ToString(),
            "--client-id", "ingest-cli", "--broker-admin-user", Admin.Username, "--broker-admin-password-file", dir.File("admin.password"));

        Assert.Equal(1, await dimo.WaitForExitAsync(Patience));
        var line = Assert.Single(dimo.Errors.Split('\n'), l => l.StartsWith("dimo: "));
        Assert.StartsWith("dimo: broker " + broker.Url, line);
        Assert.DoesNotContain("   at ", dimo.Errors);
        Assert.DoesNotContain("not-the-admin-password", dimo.Errors);
    }
}
