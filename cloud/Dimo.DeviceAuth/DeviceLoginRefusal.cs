namespace Dimo.DeviceAuth;

/// <summary>Why a device's login was refused; each reason is counted on its own.</summary>
public enum DeviceLoginRefusal
{
    /// <summary>The username is not a lowercase 0x address, or the password is not a v1 login token.</summary>
    Malformed,
    /// <summary>The signature does not recover to the username's address.</summary>
    Forged,
    /// <summary>The token's time is further from the server's clock than the allowed window.</summary>
    Expired,
    /// <summary>This exact token was already used within its window.</summary>
    Replayed,
    /// <summary>The signature is genuine but the address is not a registered device.</summary>
    UnknownDevice,
}
