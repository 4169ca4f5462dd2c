using Dimo.Core.Signals;
using Dimo.Ingest.Storage;

namespace Dimo.Ingest.Owners.Access;

/// <summary>
/// Approximate location (permission 8): latitude and longitude are snapped to the centre of their cell on a
/// 0.01° grid (about 1.1 km north-south, and at most that east-west), computed on the stored integer value
/// (1e-7 degrees), so the same point always gives the same answer and no rounding of doubles is involved.
/// Altitude and heading are not served with permission 8 alone.
/// </summary>
public static class LocationCoarsening
{
    /// <summary>0.01° in the catalog's raw unit for latitude and longitude (1e-7 degrees).</summary>
    public const long CellRaw = 100_000;

    public static bool Applies(int signalId) => SignalCatalog.ById(signalId)?.Name is "currentLocationLatitude" or "currentLocationLongitude";

    public static SignalValue Coarsen(SignalValue value)
    {
        var cell = value.Raw / CellRaw;
        if (value.Raw % CellRaw < 0)
            cell--; // floor, so cells south and west of 0 are as wide as the others
        return value with { Raw = cell * CellRaw + CellRaw / 2 };
    }
}
