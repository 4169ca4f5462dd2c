using Dimo.Ingest.Owners.Auth;
using Dimo.Ingest.Owners.Grants;

namespace Dimo.Ingest.Owners;

/// <summary>What the owner API's endpoints work with: sign-in, sessions and grants.</summary>
public sealed record OwnerContext(SiweLogin Login, GrantService Grants)
{
    public SessionTokens Sessions => Login.Sessions;
}
