using Dimo.Ingest.Operations;
using Dimo.Ingest.Owners.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Dimo.Ingest.Http.OpenApi;

/// <summary>
/// The OpenAPI document of the whole HTTP API at <see cref="Path"/>, generated from the mapped endpoints. An
/// endpoint marked with <see cref="BearerRequirement"/> carries the <c>siweBearer</c> security requirement
/// (optional ones also list the empty requirement, i.e. "or none"); one marked with <see cref="OperatorRequirement"/>
/// carries the operator's two alternatives, <c>operatorToken</c> or <c>operatorSession</c> (plus "or none" where
/// loopback callers need no login). So the document states each endpoint's authentication from the same metadata
/// that enforces it.
/// </summary>
public static class ApiDocument
{
    public const string Path = "/openapi/v1.json";

    public const string OperatorTokenScheme = "operatorToken";

    public const string OperatorSessionScheme = "operatorSession";

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
            document.Components.SecuritySchemes[OperatorTokenScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The operator token the ingestor was started with (--operator-token-file or DIMO_OPERATOR_TOKEN)",
            };
            document.Components.SecuritySchemes[OperatorSessionScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = OperatorAccess.CookieName,
                Description = "The operator's session cookie from POST /api/operator/session",
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
            var operatorOnly = context.Description.ActionDescriptor.EndpointMetadata.OfType<OperatorRequirement>().LastOrDefault();
            if (operatorOnly != null)
            {
                var token = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OperatorTokenScheme, context.Document)] = [] };
                var session = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OperatorSessionScheme, context.Document)] = [] };
                operation.Security = operatorOnly.LoopbackAllowed ? [token, session, new OpenApiSecurityRequirement()] : [token, session];
                if (operatorOnly.LoopbackAllowed)
                    operation.Description = (operation.Description + " Callers on loopback need no login; others log in as the operator.").Trim();
            }
            return Task.CompletedTask;
        });
    });

    public static void Map(IEndpointRouteBuilder app) => app.MapOpenApi("/openapi/{documentName}.json");
}
