namespace Dimo.Core.Power
{
    /// <summary>
    /// The battery's voltage from an ADC reading of the supply-sense divider (hardware/board.json
    /// <c>supplySense</c>): the pin's millivolts scaled up by the divider, plus the reverse-polarity diode's drop
    /// the divider sits behind. Integer arithmetic only, so the device does no floating point per reading.
    /// </summary>
    public static class SupplyVoltage
    {
        /// <summary>
        /// Battery millivolts for a raw reading <paramref name="raw"/> of an ADC whose <paramref name="rawMax"/>
        /// stands for <paramref name="fullScaleMillivolts"/> at the pin, behind a divider of
        /// <paramref name="topOhms"/> over <paramref name="bottomOhms"/> and a diode dropping
        /// <paramref name="diodeDropMillivolts"/>.
        /// </summary>
        public static int BatteryMillivolts(int raw, int rawMax, int fullScaleMillivolts, int topOhms, int bottomOhms,
            int diodeDropMillivolts)
        {
            if (rawMax < 1 || bottomOhms < 1 || topOhms < 0)
            {
                throw new System.ArgumentOutOfRangeException(rawMax < 1 ? "rawMax" : "bottomOhms", "the ADC range and divider must be positive");
            }
            if (raw < 0)
            {
                raw = 0;
            }
            long pinMicrovolts = (long)raw * fullScaleMillivolts * 1000 / rawMax;
            long railMicrovolts = pinMicrovolts * (topOhms + (long)bottomOhms) / bottomOhms;
            return (int)((railMicrovolts + 500) / 1000) + diodeDropMillivolts;
        }
    }
}
