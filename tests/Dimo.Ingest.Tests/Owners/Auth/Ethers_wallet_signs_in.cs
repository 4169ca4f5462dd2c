using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dimo.Core.Crypto;
using Dimo.Ingest.Owners.Auth;
using Dimo.Testing;
using static Dimo.Ingest.Tests.Owners.OwnerApiHarness;
using Dimo.Verification.Siwe;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.Owners.Auth;

/// <summary>A wallet app's sign-in: the message written by the <c>siwe</c> package and signed by ethers (tests/interop/ethers/siwe-sign.mjs).</summary>
[RequiresEthers]
public sealed class Ethers_wallet_signs_in : IAsyncLifetime
{
    private OwnerApiHarness _h = null!;

    public async Task InitializeAsync() => _h = await StartAsync(withBatch: false);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    internal static JsonElement SignWithEthers(PrivateKey key, JsonElement challenge, DateTimeOffset issuedAt, DateTimeOffset? expiration = null)
    {
        var domain = challenge.GetProperty("domain").GetString()!;
        var request = JsonSerializer.Serialize(new
        {
            privateKey = "0x" + Hex.Encode(key.ToBytes()),
            domain,
            uri = "http://" + domain + "/login",
            chainId = challenge.GetProperty("chainId").GetInt64(),
            nonce = challenge.GetProperty("nonce").GetString(),
            issuedAt = issuedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
            expirationTime = expiration?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
            statement = "Sign in to Dimo to read your car's data.",
        });
        return JsonDocument.Parse(EthersInterop.RunScript("siwe-sign.mjs", TimeSpan.FromSeconds(60), request + "\n")).RootElement.Clone();
    }

    [ServerFact]
    public async Task An_ethers_signed_siwe_message_signs_in_once_and_parses_back_to_the_same_text()
    {
        var challenge = (await GetAsync(_h.Anonymous, "/api/auth/nonce")).Body;
        var now = DateTimeOffset.FromUnixTimeMilliseconds(_h.Clock.GetUtcNow().ToUnixTimeMilliseconds());
        var signed = SignWithEthers(Keys.Owner, challenge, now, now.AddMinutes(5));
        var message = signed.GetProperty("message").GetString()!;
        Assert.Equal(message, SiweMessage.Parse(message).ToString());

        var body = new { message, signature = signed.GetProperty("signature").GetString() };
        using var login = await _h.Anonymous.PostAsJsonAsync("/api/auth/login", body);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var session = await login.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Keys.Owner.ChecksumAddress, session.GetProperty("address").GetString());
        // The message expires in 5 minutes, so the token does too (not 15).
        Assert.Equal(now.AddMinutes(5).ToUnixTimeMilliseconds(), session.GetProperty("expiresMs").GetInt64());
        using var http = _h.WithToken(session.GetProperty("token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "/api/me/vehicles")).Status);

        using var replay = await _h.Anonymous.PostAsJsonAsync("/api/auth/login", body);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
    }

    [ServerFact]
    public async Task An_ethers_signed_message_that_has_expired_is_refused()
    {
        var challenge = (await GetAsync(_h.Anonymous, "/api/auth/nonce")).Body;
        var now = DateTimeOffset.FromUnixTimeMilliseconds(_h.Clock.GetUtcNow().ToUnixTimeMilliseconds());
        var signed = SignWithEthers(Keys.Owner, challenge, now, now.AddMinutes(2));
        _h.Clock.Advance(TimeSpan.FromMinutes(3));

        using var login = await _h.Anonymous.PostAsJsonAsync("/api/auth/login",
            new { message = signed.GetProperty("message").GetString(), signature = signed.GetProperty("signature").GetString() });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Contains("expired", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
    }
}
