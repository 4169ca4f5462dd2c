using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dimo.Core.Crypto;
using Dimo.Ingest.Owners.Auth;
using static Dimo.Ingest.Tests.Owners.OwnerApiHarness;
using Dimo.Verification.Siwe;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.Owners.Auth;

/// <summary>Every check of a SIWE sign-in refuses with 401 and says which check failed; sessions refresh and end.</summary>
public sealed class Siwe_login_checks : IAsyncLifetime
{
    private OwnerApiHarness _h = null!;

    public async Task InitializeAsync() => _h = await StartAsync(withBatch: false);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<SiweMessage> ChallengeAsync(PrivateKey key)
    {
        var nonce = (await GetAsync(_h.Anonymous, "/api/auth/nonce")).Body;
        var domain = nonce.GetProperty("domain").GetString()!;
        Assert.Equal(_h.Host.HttpBaseAddress.Authority, domain);
        return new SiweMessage(domain, key.Address, "Sign in to Dimo", "http://" + domain + "/", "1", nonce.GetProperty("chainId").GetInt64(),
            nonce.GetProperty("nonce").GetString()!, DateTimeOffset.FromUnixTimeMilliseconds(_h.Clock.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> LoginAsync(string message, PrivateKey signer)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        using var response = await _h.Anonymous.PostAsJsonAsync("/api/auth/login",
            new { message, signature = "0x" + Hex.Encode(signer.SignPersonalMessage(bytes, 0, bytes.Length)) });
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private async Task AssertRefusedAsync(SiweMessage message, string reason, PrivateKey? signer = null, HttpStatusCode status = HttpStatusCode.Unauthorized)
    {
        var (code, body) = await LoginAsync(message.ToString(), signer ?? Keys.Owner);
        Assert.True(code == status, reason + ": " + code + " " + body);
        Assert.Contains(reason, body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_signed_message_gives_a_token_that_expires_after_15_minutes()
    {
        var (status, session) = await LoginAsync((await ChallengeAsync(Keys.Owner)).ToString(), Keys.Owner);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Keys.Owner.ChecksumAddress, session.GetProperty("address").GetString());
        Assert.Equal(_h.Clock.GetUtcNow().ToUnixTimeMilliseconds() + 15 * 60_000, session.GetProperty("expiresMs").GetInt64());
        using var http = _h.WithToken(session.GetProperty("token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "/api/me/vehicles")).Status);

        _h.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(http, "/api/me/vehicles")).Status);
    }

    [Fact]
    public async Task A_replayed_message_is_refused_because_its_nonce_is_spent()
    {
        var message = (await ChallengeAsync(Keys.Owner)).ToString();
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(message, Keys.Owner)).Status);
        var (status, body) = await LoginAsync(message, Keys.Owner);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("already used nonce", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Domain_uri_chain_nonce_times_and_signer_are_each_checked()
    {
        var good = await ChallengeAsync(Keys.Owner);
        var now = good.IssuedAt;
        await AssertRefusedAsync(good with { Domain = "evil.example" }, "signs in to evil.example");
        await AssertRefusedAsync(good with { Uri = "https://evil.example/" }, "is not on");
        await AssertRefusedAsync(good with { ChainId = 1 }, "Chain ID 1");
        await AssertRefusedAsync(good with { Nonce = "aaaaaaaaaaaaaaaa" }, "unknown or already used nonce");
        await AssertRefusedAsync(good with { IssuedAt = now.AddMinutes(5) }, "in the future");
        await AssertRefusedAsync(good with { IssuedAt = now.AddMinutes(-30) }, "older than the nonce");
        await AssertRefusedAsync(good with { ExpirationTime = now.AddSeconds(-1) }, "expired");
        await AssertRefusedAsync(good with { NotBefore = now.AddMinutes(5) }, "not valid before");
        await AssertRefusedAsync(good, "signed by " + Keys.Stranger.ChecksumAddress, Keys.Stranger);
        await AssertRefusedAsync(good with { Version = "2" }, "Version");
        var (status, body) = await LoginAsync("hello", Keys.Owner);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid"), (status, body.GetProperty("error").GetString()));

        // None of the refusals spent the nonce: the genuine message still signs in.
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(good.ToString(), Keys.Owner)).Status);
    }

    [Fact]
    public async Task A_nonce_expires_after_ten_minutes()
    {
        var message = await ChallengeAsync(Keys.Owner);
        _h.Clock.Advance(TimeSpan.FromMinutes(11));
        await AssertRefusedAsync(message with { IssuedAt = message.IssuedAt.AddMinutes(11) }, "nonce expired");
    }

    [Fact]
    public async Task Refresh_rotates_the_tokens_and_logout_revokes_them()
    {
        var (_, session) = await LoginAsync((await ChallengeAsync(Keys.Owner)).ToString(), Keys.Owner);
        var refreshToken = session.GetProperty("refreshToken").GetString()!;
        using var first = _h.WithToken(session.GetProperty("token").GetString()!);

        using var refreshed = await _h.Anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var next = await refreshed.Content.ReadFromJsonAsync<JsonElement>();
        using var second = _h.WithToken(next.GetProperty("token").GetString()!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(first, "/api/me/vehicles")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(second, "/api/me/vehicles")).Status);
        using (var reused = await _h.Anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken }))
            Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);

        using (var logout = await second.PostAsync("/api/auth/logout", null))
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(second, "/api/me/vehicles")).Status);
        using var afterLogout = await _h.Anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = next.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout.StatusCode);
    }
}
