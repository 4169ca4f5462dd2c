using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dimo.Ingest.Http.OpenApi;
using Dimo.Ingest.Operations;
using Dimo.Ingest.Owners.Auth;
using Dimo.Ingest.Tests.Owners;
using Dimo.Testing;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Dimo.Ingest.Tests.Http.OpenApi;

/// <summary>
/// /openapi/v1.json describes every mapped endpoint with its authentication, the behaviour matches what it says,
/// and cloud/docs/api.md names exactly the operations the document has.
/// </summary>
public sealed partial class Api_document : IAsyncLifetime
{
    private OwnerApiHarness _h = null!;
    private JsonElement _document;

    public async Task InitializeAsync()
    {
        _h = await OwnerApiHarness.StartAsync(withBatch: false);
        var (status, document) = await OwnerApiHarness.GetAsync(_h.Anonymous, "/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, status);
        _document = document;
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>
    /// Every (METHOD, path) of the document, with what it asks for: a SIWE bearer token (<c>bearer</c>), one optionally
    /// (<c>optional</c>), the operator (<c>operator</c>), the operator unless the caller is on loopback
    /// (<c>operatorOrLoopback</c>), or nothing (<c>none</c>).
    /// </summary>
    private Dictionary<string, string> Operations()
    {
        var operations = new Dictionary<string, string>();
        foreach (var path in _document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var auth = "none";
                if (operation.Value.TryGetProperty("security", out var security))
                {
                    var alternatives = security.EnumerateArray().ToList();
                    var orNone = alternatives.Any(a => !a.EnumerateObject().Any());
                    var schemes = alternatives.SelectMany(a => a.EnumerateObject().Select(p => p.Name)).ToHashSet();
                    if (schemes.SetEquals([Bearer.SchemeName]))
                        auth = orNone ? "optional" : "bearer";
                    else if (schemes.SetEquals([ApiDocument.OperatorTokenScheme, ApiDocument.OperatorSessionScheme]))
                        auth = orNone ? "operatorOrLoopback" : "operator";
                    else
                        Assert.Fail(operation.Name + " " + path.Name + ": unexpected security " + security);
                }
                operations[operation.Name.ToUpperInvariant() + " " + path.Name] = auth;
            }
        }
        return operations;
    }

    [Fact]
    public void Every_mapped_endpoint_is_in_the_document_with_its_auth_requirement()
    {
        var operations = Operations();
        var mapped = 0;
        foreach (var endpoint in _h.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            // Leaving the document must be said explicitly (the document's own endpoint does).
            if (endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true })
                continue;
            var path = RouteConstraint().Replace(endpoint.RoutePattern.RawText!, "}");
            var requirement = endpoint.Metadata.GetMetadata<BearerRequirement>();
            var operatorOnly = endpoint.Metadata.GetMetadata<OperatorRequirement>();
            var expected = requirement != null ? (requirement.IsRequired ? "bearer" : "optional")
                : operatorOnly != null ? (operatorOnly.LoopbackAllowed ? "operatorOrLoopback" : "operator")
                : "none";
            foreach (var method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods)
            {
                Assert.True(operations.TryGetValue(method + " " + path, out var auth), method + " " + path + " is missing from the OpenAPI document");
                Assert.True(expected == auth, method + " " + path + ": document says " + auth + ", endpoint requires " + expected);
                mapped++;
            }
        }
        Assert.Equal(operations.Count, mapped);
        var schemes = _document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("http", schemes.GetProperty(Bearer.SchemeName).GetProperty("type").GetString());
        Assert.Equal("http", schemes.GetProperty(ApiDocument.OperatorTokenScheme).GetProperty("type").GetString());
        Assert.Equal("cookie", schemes.GetProperty(ApiDocument.OperatorSessionScheme).GetProperty("in").GetString());
        Assert.Equal(OperatorAccess.CookieName, schemes.GetProperty(ApiDocument.OperatorSessionScheme).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Operations_marked_as_needing_a_login_answer_401_without_one_and_no_other_does()
    {
        foreach (var (operation, auth) in Operations())
        {
            var parts = operation.Split(' ');
            var path = parts[1].Replace("{node}", "1").Replace("{week}", "150").Replace("{grantee}", OwnerApiHarness.Key(0x11).ChecksumAddress).Replace("{address}", OwnerApiHarness.Key(0x11).ChecksumAddress);
            using var request = new HttpRequestMessage(new HttpMethod(parts[0]), path);
            if (parts[0] is "POST")
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            using var response = await _h.Anonymous.SendAsync(request);
            // The test client calls from loopback, so operatorOrLoopback endpoints answer it.
            Assert.True((auth is "bearer" or "operator") == (response.StatusCode == HttpStatusCode.Unauthorized), operation + " (" + auth + "): " + response.StatusCode);
        }
    }

    [Fact]
    public void The_api_doc_names_exactly_the_documented_operations()
    {
        var text = File.ReadAllText(RepositoryRoot.File("cloud", "docs", "api.md"));
        var inDoc = DocumentedOperation().Matches(text).Select(m => m.Groups[1].Value + " " + m.Groups[2].Value).ToHashSet();
        var inOpenApi = Operations().Keys.ToHashSet();
        Assert.Empty(inOpenApi.Except(inDoc).Order());
        Assert.Empty(inDoc.Except(inOpenApi).Order());
    }

    [GeneratedRegex(":[a-z]+}")]
    private static partial Regex RouteConstraint();

    /// <summary>`GET /api/…` in a table or text of api.md; the query string is not part of the path.</summary>
    [GeneratedRegex(@"`(GET|POST|PUT|DELETE|PATCH) (/[^`?\s]*)")]
    private static partial Regex DocumentedOperation();
}
