using System.Device.Adc;
using Dimo.Core.Power;

namespace Dimo.Firmware.Power
{
    /// <summary>
    /// The 12 V rail on GPIO34 (ADC1 channel 6) through the board's divider and reverse-polarity diode
    /// (<see cref="Board"/>, from hardware/board.json). nanoFramework's ESP32 <c>AdcChannel.ReadValue</c> returns the
    /// raw 12-bit code at the image's 11 dB attenuation; System.Device.Adc 1.x sets neither attenuation nor eFuse
    /// calibration, so <see cref="FullScaleMillivolts"/> is the nominal 1100 mV reference times 10^(11/20), to be
    /// replaced per board by a reading against a known voltage (shared/docs/power.md). Readings are averaged over
    /// <see cref="Samples"/> conversions against the ADC's noise; no allocation per reading.
    /// </summary>
    public sealed class AdcSupplySense : ISupplySense
    {
        private readonly AdcChannel _channel;
        private readonly int _rawMax;

        public AdcSupplySense()
        {
            AdcController adc = new AdcController();
            _channel = adc.OpenChannel(Board.SupplySenseAdcChannel);
            _rawMax = adc.MaxValue;
        }

        /// <summary>Pin millivolts the top code stands for (nominal 3900 at 11 dB; calibrate per board).</summary>
        public int FullScaleMillivolts = 3900;

        /// <summary>Conversions averaged per reading.</summary>
        public int Samples = 16;

        public int ReadBatteryMillivolts()
        {
            int samples = Samples < 1 ? 1 : Samples;
            int sum = 0;
            for (int i = 0; i < samples; i++)
            {
                sum += _channel.ReadValue();
            }
            return SupplyVoltage.BatteryMillivolts((sum + samples / 2) / samples, _rawMax, FullScaleMillivolts,
                Board.SupplyDividerTopOhms, Board.SupplyDividerBottomOhms, Board.SupplyDiodeDropMillivolts);
        }
    }
}
