using Dimo.Ingest.Http;
using Dimo.Ingest.Owners.Auth;
using Dimo.Ingest.Owners.Grants;
using Dimo.Ingest.Owners.Http;
using Dimo.Ingest.Registry;
using Dimo.Verification.Recovery;
using Microsoft.AspNetCore.Routing;

namespace Dimo.Ingest.Owners;

/// <summary>Builds the owner API (SIWE sign-in, grants, transfer, the data API) over a host's registry and maps its endpoints.</summary>
public static class OwnerApi
{
    /// <param name="domain">The authority SIWE messages must name, e.g. <c>127.0.0.1:8080</c>; asked on every sign-in, so it can follow a port bound late.</param>
    public static OwnerContext Create(RegistryService registry, IGrantStore grants, ISignatureRecovery recovery, TimeProvider clock, Func<string> domain) =>
        new(new SiweLogin(recovery, clock, domain, (long)registry.Domain.ChainId, new SessionTokens(clock)), new GrantService(registry, grants, clock));

    public static void Map(IEndpointRouteBuilder app, ApiContext api, OwnerContext owners)
    {
        AuthEndpoints.Map(app, owners);
        OwnerEndpoints.Map(app, api, owners);
        VehicleDataEndpoints.Map(app, api, owners);
        EventEndpoints.Map(app, api, owners);
    }
}
