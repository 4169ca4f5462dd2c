using System;
using System.Device.Adc;
using System.Threading;
using Dimo.Core.Crypto;

namespace Dimo.Firmware.Keys
{
    /// <summary>
    /// Measurements with unpredictable low bits, mixed into the key's <see cref="EntropyPool"/> beside the hardware
    /// RNG: the tick counter around thread switches while the Wi-Fi stack is busy starting, and the noise of repeated
    /// conversions of the supply-sense ADC channel (the 12 V rail through its divider: the value drifts, its last bits
    /// are thermal and quantisation noise).
    /// </summary>
    public static class EntropyGathering
    {
        private const int Rounds = 64;

        /// <summary>A pool over the hardware RNG, with tick jitter and ADC noise already absorbed.</summary>
        public static EntropyPool Gather(int supplyAdcChannel)
        {
            EntropyPool pool = new EntropyPool(new HardwareEntropy());
            pool.AddSample(DateTime.UtcNow.Ticks);
            AdcChannel channel = null;
            try
            {
                channel = new AdcController().OpenChannel(supplyAdcChannel);
            }
            catch (Exception)
            {
                // No ADC (a bare development board): tick jitter and the hardware RNG remain.
            }
            for (int i = 0; i < Rounds; i++)
            {
                long before = Environment.TickCount64;
                Thread.Sleep(1);
                long sample = (Environment.TickCount64 - before) << 32;
                if (channel != null)
                {
                    sample ^= channel.ReadValue();
                }
                pool.AddSample(sample ^ DateTime.UtcNow.Ticks);
            }
            if (channel != null)
            {
                channel.Dispose();
            }
            return pool;
        }
    }
}
