namespace Dimo.DeviceAuth;

/// <summary>The verdict on one device login: the proven address, or the refusal reason with a readable detail.</summary>
public sealed record DeviceLoginOutcome
{
    private DeviceLoginOutcome(string? address, DeviceLoginRefusal? refusal, string detail)
    {
        Address = address;
        Refusal = refusal;
        Detail = detail;
    }

    public string? Address { get; }
    public DeviceLoginRefusal? Refusal { get; }
    public string Detail { get; }
    public bool IsAccepted => Refusal == null;

    public static DeviceLoginOutcome Accepted(string address) => new(address, null, "accepted");

    public static DeviceLoginOutcome Refused(DeviceLoginRefusal refusal, string detail) => new(null, refusal, detail);

    public override string ToString() => IsAccepted ? "accepted " + Address : Refusal + ": " + Detail;
}
