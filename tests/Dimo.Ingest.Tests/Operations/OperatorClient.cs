using System.Net;
using System.Net.Http.Json;
using Dimo.Ingest.Tests.EndToEnd;

namespace Dimo.Ingest.Tests.Operations;

/// <summary>An HTTP client of a test host that logged in as the operator (its cookie jar holds the session).</summary>
public static class OperatorClient
{
    public static async Task<HttpClient> LogInAsync(EmbeddedIngest ingest)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = ingest.Host.HttpBaseAddress,
        };
        var login = await http.PostAsJsonAsync("/api/operator/session", new { token = EmbeddedIngest.OperatorToken });
        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        return http;
    }
}
