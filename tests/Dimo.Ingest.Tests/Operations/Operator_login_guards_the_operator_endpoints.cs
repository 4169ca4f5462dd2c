using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dimo.Ingest.Operations;
using Dimo.Ingest.Tests.EndToEnd;
using Microsoft.AspNetCore.Http;

namespace Dimo.Ingest.Tests.Operations;

public sealed class Operator_login_guards_the_operator_endpoints : IAsyncLifetime
{
    private EmbeddedIngest _ingest = null!;
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        _ingest = await EmbeddedIngest.StartAsync();
        _anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _ingest.Host.HttpBaseAddress };
    }

    public async Task DisposeAsync()
    {
        _anonymous.Dispose();
        await _ingest.DisposeAsync();
    }

    [Theory]
    [InlineData("/api/operator/devices")]
    [InlineData("/api/operator/rejects/forged")]
    [InlineData("/api/operator/live")]
    public async Task Operator_endpoints_refuse_a_request_without_login_even_from_loopback(string path)
    {
        var response = await _anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("operatorLoginRequired", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_dashboard_sends_a_stranger_to_the_login_page()
    {
        var response = await _anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.OriginalString);
        Assert.Contains("Operator token", await _anonymous.GetStringAsync("/login"));
    }

    [Fact]
    public async Task A_wrong_token_is_refused_and_counted_in_the_metrics()
    {
        var response = await _anonymous.PostAsJsonAsync("/api/operator/session", new { token = EmbeddedIngest.OperatorToken + "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("wrongToken", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("dimo_operator_logins_refused_total 1", await _anonymous.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task A_login_without_a_token_is_a_bad_request_that_says_what_to_send()
    {
        var response = await _anonymous.PostAsJsonAsync("/api/operator/session", new { });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("{\"token\"", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task The_right_token_gets_an_http_only_strict_session_cookie_that_opens_the_dashboard()
    {
        var response = await _anonymous.PostAsJsonAsync("/api/operator/session", new { token = EmbeddedIngest.OperatorToken });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(OperatorAccess.CookieName + "=", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(EmbeddedIngest.OperatorToken, cookie);

        using var operatorHttp = await OperatorClient.LogInAsync(_ingest);
        var dashboard = await operatorHttp.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("/dashboard.js", await dashboard.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await operatorHttp.GetAsync("/api/operator/devices")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await operatorHttp.DeleteAsync("/api/operator/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await operatorHttp.GetAsync("/api/operator/devices")).StatusCode);
    }

    [Fact]
    public async Task The_token_as_a_bearer_opens_the_operator_endpoints_for_scripts()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/operator/rejects/forged");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EmbeddedIngest.OperatorToken);
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.SendAsync(request)).StatusCode);
    }

    [Fact]
    public void Metrics_and_stats_answer_loopback_or_the_operator_and_nobody_else()
    {
        var access = new OperatorAccess(new OperatorToken(EmbeddedIngest.OperatorToken), new OperatorSessions(TimeProvider.System));
        var remote = new DefaultHttpContext();
        remote.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
        Assert.False(OperatorAccess.IsLoopback(remote) || access.IsOperator(remote));
        remote.Request.Headers.Authorization = "Bearer " + EmbeddedIngest.OperatorToken;
        Assert.True(access.IsOperator(remote));
        var local = new DefaultHttpContext();
        local.Connection.RemoteIpAddress = IPAddress.IPv6Loopback;
        Assert.True(OperatorAccess.IsLoopback(local));
        Assert.False(access.IsOperator(local));
    }

    [Fact]
    public void A_token_matches_only_itself_and_short_tokens_are_refused()
    {
        var token = new OperatorToken("correct horse battery staple");
        Assert.True(token.Matches("correct horse battery staple"));
        Assert.False(token.Matches("correct horse battery stapl"));
        Assert.False(token.Matches("correct horse battery staple!"));
        Assert.False(token.Matches(""));
        Assert.False(token.Matches(null));
        Assert.Throws<ArgumentException>(() => new OperatorToken("short"));
        Assert.Equal(43, OperatorToken.Generate().Length);
    }
}
