using Dimo.Core.Signals;

namespace Dimo.Ingest.Rewards;

/// <summary>
/// Signals that describe the car rather than its use, so a batch holding only these does not make a vehicle active
/// (DIMO's rule: activity is a non-constant signal). A dongle reads them once per boot whether or not anyone drives:
/// the VIN, the powertrain type, the traction battery's gross capacity and the engine's reference torque. Every other
/// catalog signal (speed, position, voltages, temperatures, DTC list, …) counts.
/// </summary>
public static class ConstantSignals
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "vin", "powertrainType", "powertrainTractionBatteryGrossCapacity", "obdEngineReferenceTorque",
    };

    public static bool IsConstant(SignalInfo signal) => Names.Contains(signal.Name);
}
