using Dimo.Ingest.Owners.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Dimo.Ingest.Http.OpenApi;

/// <summary>
/// The OpenAPI document of the whole HTTP API at <see cref="Path"/>, generated from the mapped endpoints. An
/// endpoint marked with <see cref="BearerRequirement"/> carries the <c>siweBearer</c> security requirement
/// (optional ones also list the empty requirement, i.e. "or none"), so the document states each endpoint's
/// authentication from the same metadata that enforces it.
/// </summary>
public static class ApiDocument
{
    public const string Path = "/openapi/v1.json";

    public static void AddServices(IServiceCollection services) => services.AddOpenApi("v1", options =>
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Dimo ingest HTTP API";
            document.Info.Description = "Registry, owner sign-in (SIWE), consent grants and the vehicle data API; see cloud/docs/api.md.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Bearer.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A session token from POST /api/auth/login (Sign-In with Ethereum)",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var requirement = context.Description.ActionDescriptor.EndpointMetadata.OfType<BearerRequirement>().LastOrDefault();
            if (requirement != null)
            {
                var bearer = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer.SchemeName, context.Document)] = [] };
                operation.Security = requirement.IsRequired ? [bearer] : [bearer, new OpenApiSecurityRequirement()];
            }
            return Task.CompletedTask;
        });
    });

    public static void Map(IEndpointRouteBuilder app) => app.MapOpenApi("/openapi/{documentName}.json");
}
