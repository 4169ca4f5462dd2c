using Dimo.Core.Signals;
using Dimo.Ingest.Owners.Grants;
using Dimo.Ingest.Registry;

namespace Dimo.Ingest.Owners.Access;

/// <summary>
/// What one caller may see of one vehicle: everything as its owner, else what its live grant holds. Signals
/// fall in three classes: location (<c>currentLocation*</c>: permission 3 for latest, 4 for history, or 8 for a
/// coarsened latitude and longitude), the VIN the dongle read (needs 5 as well), and everything else
/// (6 for latest, 1 for history).
/// </summary>
public sealed record VehicleAccess(VehicleRecord Vehicle, bool IsOwner, PermissionSet Permissions)
{
    public bool Has(Permission permission) => IsOwner || Permissions.Has(permission);

    public static bool IsLocation(int signalId) => SignalCatalog.ById(signalId)?.Name.StartsWith("currentLocation", StringComparison.Ordinal) == true;

    public static bool IsVin(int signalId) => SignalCatalog.ById(signalId)?.Name == "vin";

    /// <summary>How a signal may be served for latest (<paramref name="history"/> false) or history reads.</summary>
    public SignalAccess For(int signalId, bool history)
    {
        if (IsLocation(signalId))
        {
            if (Has(history ? Permission.LocationHistory : Permission.CurrentLocation))
                return SignalAccess.Exact;
            return Has(Permission.ApproximateLocation) && LocationCoarsening.Applies(signalId) ? SignalAccess.Coarsened : SignalAccess.Denied;
        }
        var needed = history ? Permission.NonLocationHistory : Permission.LiveData;
        if (!Has(needed))
            return SignalAccess.Denied;
        return IsVin(signalId) && !Has(Permission.Vin) ? SignalAccess.Denied : SignalAccess.Exact;
    }
}

public enum SignalAccess
{
    Denied,
    Exact,
    Coarsened,
}
