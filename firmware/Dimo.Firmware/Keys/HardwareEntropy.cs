using System;
using Dimo.Core.Crypto;

namespace Dimo.Firmware.Keys
{
    /// <summary>
    /// The ESP32's hardware RNG, which nanoFramework's <see cref="Random"/> draws from on this target. ESP-IDF says
    /// its output is truly random only while the Wi-Fi or Bluetooth radio runs, so it is drawn after Wi-Fi has
    /// started, and always through the core's <see cref="EntropyPool"/> with other measurements mixed in.
    /// </summary>
    public sealed class HardwareEntropy : IEntropy
    {
        private readonly Random _random = new Random();

        public void Fill(byte[] buffer, int offset, int count)
        {
            byte[] draw = new byte[count];
            _random.NextBytes(draw);
            Array.Copy(draw, 0, buffer, offset, count);
            Array.Clear(draw, 0, count);
        }
    }
}
