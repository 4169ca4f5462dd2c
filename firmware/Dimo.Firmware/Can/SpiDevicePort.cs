using System;
using System.Device.Spi;
using Dimo.Core.Dongle;

namespace Dimo.Firmware.Can
{
    /// <summary>
    /// The core's SPI port over nanoFramework's <see cref="SpiDevice"/>: one full-duplex transfer per call, chip
    /// select handled by the native driver. The byte[] + count reach the native call as SpanBytes over the caller's
    /// buffers, so a transfer allocates nothing. (Iot.Device.Mcp25xxx's binding allocates a byte[] per RX-buffer
    /// read; the driver's logic is ours either way, so the raw device is the better fit.)
    /// </summary>
    public sealed class SpiDevicePort : ISpiPort
    {
        private readonly SpiDevice _device;

        public SpiDevicePort(SpiDevice device)
        {
            if (device == null)
            {
                throw new ArgumentNullException("device");
            }
            _device = device;
        }

        /// <summary>An MCP2515 on <paramref name="busId"/>: SPI mode 0,0, MSB first, chip select active low.</summary>
        public static SpiDevicePort ForMcp2515(int busId, int chipSelectGpio, int clockHz)
        {
            SpiConnectionSettings settings = new SpiConnectionSettings(busId, chipSelectGpio);
            settings.Mode = SpiMode.Mode0;
            settings.DataFlow = DataFlow.MsbFirst;
            settings.ClockFrequency = clockHz;
            settings.ChipSelectLineActiveState = System.Device.Gpio.PinValue.Low;
            return new SpiDevicePort(SpiDevice.Create(settings));
        }

        public void Transfer(byte[] write, byte[] read, int count)
        {
            _device.TransferFullDuplex(new SpanByte(write, 0, count), new SpanByte(read, 0, count));
        }
    }
}
