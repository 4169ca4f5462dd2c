namespace Dimo.Core.Power
{
    /// <summary>The 12 V rail as the dongle sees it: the ESP32's ADC on the divider, or a simulated battery.</summary>
    public interface ISupplySense
    {
        /// <summary>The battery's voltage now, in millivolts (see <see cref="SupplyVoltage"/>).</summary>
        int ReadBatteryMillivolts();
    }
}
