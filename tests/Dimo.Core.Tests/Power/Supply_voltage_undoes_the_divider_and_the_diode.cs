using Dimo.Core.Power;

namespace Dimo.Core.Tests.Power;

/// <summary>hardware/board.json's supply sense: 1 MΩ over 39 kΩ behind a 300 mV diode, a 12-bit ADC.</summary>
public class Supply_voltage_undoes_the_divider_and_the_diode
{
    private const int Top = 1_000_000, Bottom = 39_000, Diode = 300, RawMax = 4095, FullScale = 3900;

    private static int RawFor(double batteryVolts) =>
        (int)Math.Round((batteryVolts - Diode / 1000.0) * Bottom / (Top + Bottom) * 1000 / FullScale * RawMax);

    [Theory]
    [InlineData(6.0)]
    [InlineData(11.8)]
    [InlineData(12.6)]
    [InlineData(13.2)]
    [InlineData(14.8)]
    public void A_battery_voltage_reads_back_within_one_adc_step(double volts)
    {
        int millivolts = SupplyVoltage.BatteryMillivolts(RawFor(volts), RawMax, FullScale, Top, Bottom, Diode);

        // One ADC step is 3900/4095 mV at the pin, 1039/39 times that at the rail: about 25 mV.
        Assert.InRange(millivolts, volts * 1000 - 26, volts * 1000 + 26);
    }

    [Fact]
    public void A_reading_of_zero_is_just_the_diode_drop()
    {
        Assert.Equal(Diode, SupplyVoltage.BatteryMillivolts(0, RawMax, FullScale, Top, Bottom, Diode));
        Assert.Equal(Diode, SupplyVoltage.BatteryMillivolts(-3, RawMax, FullScale, Top, Bottom, Diode));
    }
}
