namespace Dimo.Core.Signals
{
    /// <summary>
    /// Which signals a dongle keeps at full rate when its spool runs short of room, and which it thins first
    /// (shared/docs/spool-on-flash.md). Essential: where the car is and how far and fast it went, its battery,
    /// fuel and charge, its identity and faults, and the dongle's own status. Everything else is low priority.
    /// </summary>
    public static class SignalPriority
    {
        // One name per line; a constant, so the device holds it in the assembly, not the heap.
        private const string EssentialNames = ""
            + "speed\n"
            + "powertrainTransmissionTravelledDistance\n"
            + "powertrainFuelSystemRelativeLevel\n"
            + "lowVoltageBatteryCurrentVoltage\n"
            + "currentLocationLatitude\n"
            + "currentLocationLongitude\n"
            + "powertrainTractionBatteryStateOfChargeCurrent\n"
            + "isIgnitionOn\n"
            + "vin\n"
            + "obdDTCList\n"
            + "dimoAftermarketDroppedBatches\n"
            + "dimoAftermarketThinnedReadings\n"
            + "dimoAftermarketConfigVersion\n"
            + "dimoAftermarketFirmwareVersion\n"
            + "dimoAftermarketRebootCount\n"
            + "dimoAftermarketRebootReason\n"
            + "dimoAftermarketPowerState\n";

        /// <summary>Sets <c>essential[id]</c> for every essential signal whose id fits the array; leaves the rest as they are.</summary>
        public static void MarkEssential(bool[] essential)
        {
            if (essential == null)
            {
                throw new System.ArgumentNullException("essential");
            }
            string names = EssentialNames;
            int start = 0;
            while (start < names.Length)
            {
                int end = names.IndexOf('\n', start);
                int id = SignalCatalog.IdOf(names, start, end - start);
                if (id <= 0)
                {
                    throw new System.InvalidOperationException("an essential signal is not in the catalog");
                }
                if (id < essential.Length)
                {
                    essential[id] = true;
                }
                start = end + 1;
            }
        }
    }
}
