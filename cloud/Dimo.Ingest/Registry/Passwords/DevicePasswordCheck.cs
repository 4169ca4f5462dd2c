namespace Dimo.Ingest.Registry.Passwords;

/// <summary>What checking (and registering) a fixed device password decided, with a readable detail.</summary>
public sealed record DevicePasswordCheck(DevicePasswordVerdict Verdict, string Detail, DevicePasswordRecord? Record = null);

/// <summary>The verdicts of <see cref="DevicePasswords.RegisterAsync"/>.</summary>
public enum DevicePasswordVerdict
{
    /// <summary>The password is the device's, of the registered generation or a newer one (now registered).</summary>
    Accepted,
    /// <summary>Not a <c>pw1:&lt;generation&gt;:0x&lt;signature&gt;</c> text.</summary>
    Malformed,
    /// <summary>The signature was not made by the device's key.</summary>
    Forged,
    /// <summary>The address is not a minted, unrevoked device.</summary>
    UnknownDevice,
    /// <summary>A newer generation is registered: this one was rotated away.</summary>
    Superseded,
}
