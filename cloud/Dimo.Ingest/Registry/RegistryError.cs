namespace Dimo.Ingest.Registry;

/// <summary>Why a registry request was refused; each maps to one HTTP status.</summary>
public enum RegistryError
{
    /// <summary>The request is incomplete or badly formed (400).</summary>
    Invalid,

    /// <summary>A required signature is missing, malformed or from the wrong key (403).</summary>
    BadSignature,

    /// <summary>The device, vehicle or manufacturer does not exist (404).</summary>
    NotFound,

    /// <summary>The request contradicts current state: already minted, already paired, not claimed (409).</summary>
    Conflict,
}
