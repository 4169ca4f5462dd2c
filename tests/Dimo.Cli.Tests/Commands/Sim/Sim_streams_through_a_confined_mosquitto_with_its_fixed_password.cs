using System.Net.Http.Json;
using System.Text.Json;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Sim;

/// <summary>
/// Issue 10, broker mode as a user runs it: Mosquitto with dynamic security, <c>dimo ingest --broker … --broker-admin-user</c>
/// provisioning it, and <c>dimo sim --fixed-password</c> whose dongles register their fixed password through the API.
/// </summary>
[RequiresMosquitto]
public class Sim_streams_through_a_confined_mosquitto_with_its_fixed_password
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly MosquittoCredentials Admin = new("admin", "admin", "admin-password-for-sim-tests");

    [ServerFact]
    public async Task Dongles_with_their_fixed_password_get_batches_stored_and_token_logins_are_refused_by_the_broker()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { DynamicSecurityAdmin = Admin });
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("ingestor.password"), "ingestor-secret");
        File.WriteAllText(dir.File("admin.password"), Admin.Password);
        using var ingest = DimoProcess.Start("ingest", "--dev", "--data-dir", dir.Path, "--http-port", "0", "--broker", broker.Url.ToString(),
            "--client-id", "ingest-sim", "--broker-user", "ingestor", "--broker-password-file", dir.File("ingestor.password"),
            "--broker-admin-user", Admin.Username, "--broker-admin-password-file", dir.File("admin.password"));
        var http = "http://127.0.0.1:" + JsonDocument.Parse((await ingest.ReadLineAsync(Patience))!).RootElement.GetProperty("httpPort").GetInt32();

        var sim = DimoCli.RunProcess(["sim", "--devices", "2", "--mqtt", broker.Url.ToString(), "--api", http, "--fixed-password",
            "--duration", "2", "--batch-interval", "0.5"]);

        Assert.True(sim.Exit == 0, sim.Errors + "\n" + broker.Log);
        var summary = JsonDocument.Parse(sim.Line).RootElement;
        Assert.True(summary.GetProperty("batchesAcked").GetInt64() >= 2, sim.Line);
        using var client = new HttpClient { BaseAddress = new Uri(http) };
        var deadline = DateTime.UtcNow + Patience;
        long accepted;
        while ((accepted = (await client.GetFromJsonAsync<JsonElement>("/api/stats")).GetProperty("batchesAccepted").GetInt64()) < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "the ingestor stored " + accepted + " batches\n" + ingest.Errors);
            await Task.Delay(100);
        }

        // A dongle logging in with a signed token, which Mosquitto cannot check, never gets in.
        var tokens = DimoCli.RunProcess(["sim", "--devices", "1", "--mqtt", broker.Url.ToString(), "--api", http, "--duration", "1"]);
        Assert.Equal(1, tokens.Exit);
        Assert.Contains("dimo: cannot connect to " + broker.Url, tokens.Errors);
        Assert.Equal(0, await ingest.TerminateAsync(Patience));
    }
}
