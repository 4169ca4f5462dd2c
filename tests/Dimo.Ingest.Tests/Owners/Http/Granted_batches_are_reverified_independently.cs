using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Dimo.Core.Crypto;
using Dimo.Core.Wire;
using Dimo.Ingest.Owners.Grants;
using Dimo.Ingest.Owners.Http;
using Dimo.Ingest.Pipeline;
using Dimo.Ingest.Tests.Owners.Auth;
using Dimo.Ingest.Tests.Pipeline;
using Dimo.Testing;
using static Dimo.Ingest.Tests.Owners.OwnerApiHarness;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.Owners.Http;

/// <summary>
/// The promise end to end: the owner signs in with an ethers-signed SIWE message, grants an app permission 7,
/// and the app fetches the signed batches over HTTP and checks them without trusting us: ethers recovers the device
/// from each batch, and so does <c>dimo batch inspect</c>; the CloudEvents export names the same batch hashes.
/// </summary>
[RequiresEthers]
public sealed class Granted_batches_are_reverified_independently : IAsyncLifetime
{
    private static readonly PrivateKey App = Key(0x7A);

    private OwnerApiHarness _h = null!;

    public async Task InitializeAsync() => _h = await StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<HttpClient> SignInWithEthersAsync(PrivateKey key)
    {
        var challenge = (await GetAsync(_h.Anonymous, "/api/auth/nonce")).Body;
        var signed = Ethers_wallet_signs_in.SignWithEthers(key, challenge, DateTimeOffset.FromUnixTimeMilliseconds(_h.Clock.GetUtcNow().ToUnixTimeMilliseconds()));
        using var login = await _h.Anonymous.PostAsJsonAsync("/api/auth/login",
            new { message = signed.GetProperty("message").GetString(), signature = signed.GetProperty("signature").GetString() });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return _h.WithToken((await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!);
    }

    [ServerFact]
    public async Task An_app_granted_raw_data_fetches_signed_batches_that_ethers_and_the_cli_trace_to_the_device()
    {
        Assert.Equal(IngestOutcome.Accepted, await _h.Host.Pipeline.ProcessAsync(PipelineHarness.Topic(Keys.Device), _h.Batch(1, 2, _h.ReadingMs + 1000)));
        using var owner = await SignInWithEthersAsync(Keys.Owner);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(owner, "/api/me/vehicles")).Status);
        await _h.GrantAsync(App, Permission.RawData);
        using var app = await SignInWithEthersAsync(App);

        var range = $"from={_h.ReadingMs - 1000}&to={_h.ReadingMs + 5000}";
        var (status, batches) = await GetAsync(app, $"/api/vehicles/{_h.VehicleNode}/batches?{range}");
        Assert.Equal(HttpStatusCode.OK, status);
        var served = batches.EnumerateArray().ToList();
        Assert.Equal([1L, 2L], served.Select(b => b.GetProperty("seq").GetInt64()));

        // The device's address is public in the registry; the batches must be signed by it.
        var device = (await GetAsync(_h.Anonymous, $"/api/devices/{_h.DeviceNode}")).Body.GetProperty("address").GetString();
        var lines = new List<string>();
        foreach (var batch in served)
        {
            var wire = Hex.Decode(batch.GetProperty("wire").GetString()!);
            Assert.Equal(batch.GetProperty("hash").GetString(), "0x" + Hex.Encode(Keccak256.Hash(wire)));
            var signed = SignedBatch.Split(wire, 0, wire.Length);
            lines.Add(Hex.Encode(signed.Body) + " " + Hex.Encode(signed.Signature));

            var output = new StringWriter();
            var errors = new StringWriter();
            Assert.Equal(0, Dimo.Cli.CliRunner.Run(Program.CreateRoot(), ["batch", "inspect", "--hex", batch.GetProperty("wire").GetString()!], output, errors));
            var inspected = JsonDocument.Parse(output.ToString()).RootElement;
            Assert.Equal(device, inspected.GetProperty("signer").GetString());
            Assert.Equal(batch.GetProperty("seq").GetInt64(), inspected.GetProperty("seq").GetInt64());
            Assert.Contains(inspected.GetProperty("readings").EnumerateArray(), r => r.GetProperty("name").GetString() == "speed" && r.GetProperty("value").GetDouble() == 61.5);
        }
        var recovered = EthersInterop.RunScript("recover-personal-signers.mjs", TimeSpan.FromSeconds(60), string.Join("\n", lines) + "\n")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([device!, device!], recovered);

        // The CloudEvents export: one dimo.status event per batch, carrying that batch's hash.
        using var response = await app.GetAsync($"/api/vehicles/{_h.VehicleNode}/events?{range}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/cloudevents-batch+json", response.Content.Headers.ContentType!.MediaType);
        var events = new JsonEventFormatter().DecodeBatchModeMessage(await response.Content.ReadAsByteArrayAsync(), new System.Net.Mime.ContentType(response.Content.Headers.ContentType!.ToString()),
            [EventEndpoints.BatchHash]);
        Assert.Equal(served.Select(b => b.GetProperty("hash").GetString()), events.Select(e => (string?)e[EventEndpoints.BatchHash]));
        Assert.All(events, e =>
        {
            Assert.Equal(("dimo.status", _h.VehicleNode.ToString(), "dimo:device:" + device), (e.Type, e.Subject, e.Source!.ToString()));
            Assert.Equal(CloudEventsSpecVersion.V1_0, e.SpecVersion);
        });
        Assert.Equal(["1-1", "1-2"], events.Select(e => e.Id));
    }
}
