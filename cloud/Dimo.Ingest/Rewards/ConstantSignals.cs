using Dimo.Core.Signals;

namespace Dimo.Ingest.Rewards;

/// <summary>
/// Signals that describe the car or the dongle rather than the car's use, so a batch holding only these does not make
/// a vehicle active (DIMO's rule: activity is a non-constant signal). A dongle reads the car's once per boot whether or
/// not anyone drives: the VIN, the powertrain type, the traction battery's gross capacity and the engine's reference
/// torque; and it reports its own status (ids 56-62: dropped batches, thinned readings, config and firmware version,
/// reboot count and reason, power state) after every boot, including deep sleep's daily check. Every other catalog
/// signal (speed, position, voltages, temperatures, DTC list, …) counts.
/// </summary>
public static class ConstantSignals
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "vin", "powertrainType", "powertrainTractionBatteryGrossCapacity", "obdEngineReferenceTorque",
        "dimoAftermarketDroppedBatches", "dimoAftermarketThinnedReadings", "dimoAftermarketConfigVersion",
        "dimoAftermarketFirmwareVersion", "dimoAftermarketRebootCount", "dimoAftermarketRebootReason",
        "dimoAftermarketPowerState",
    };

    public static bool IsConstant(SignalInfo signal) => Names.Contains(signal.Name);
}
