using System.Device.Gpio;
using System.Diagnostics;
using System.Threading;
using Dimo.Core.Can;
using Dimo.Core.Can.Mcp2515;
using Dimo.Core.Dongle;
using Dimo.Firmware.Can;
using Dimo.Firmware.Power;
using nanoFramework.Hardware.Esp32;

namespace Dimo.Firmware
{
    /// <summary>
    /// Brings the dongle's CAN side up through the core's <see cref="DongleBuilder"/>, as the simulator does: the
    /// MCP2515 on SPI with its INT pin, bit rate detected in listen-only mode, listen-only (nothing is transmitted).
    /// The full loop (<see cref="DongleBuilder.Build"/>) needs the uplink, key store and spool adapters and the
    /// vehicle's decoder table, which do not exist on the device yet; until they do, this reads the bus and reports
    /// the driver's counters on the debug console. A chip that does not answer is reported with what to check.
    /// </summary>
    public static class Program
    {
        private const int ReportMilliseconds = 10000;

        public static void Main()
        {
            Configuration.SetPinFunction(Board.SpiClockGpio, DeviceFunction.SPI1_CLOCK);
            Configuration.SetPinFunction(Board.SpiMisoGpio, DeviceFunction.SPI1_MISO);
            Configuration.SetPinFunction(Board.SpiMosiGpio, DeviceFunction.SPI1_MOSI);
            GpioController gpio = new GpioController();
            // The transceiver's STB pin is pulled up (standby); low lets it pass the bus to the MCP2515.
            GpioPin standby = gpio.OpenPin(Board.CanTransceiverStandbyGpio, PinMode.Output);
            standby.Write(PinValue.Low);

            DeviceClock clock = new DeviceClock();
            DongleBuilder builder = new DongleBuilder(clock);
            builder.UseMcp2515(SpiDevicePort.ForMcp2515(Board.SpiBusId, Board.Mcp2515ChipSelectGpio, Board.SpiClockHz),
                new GpioInterruptLine(gpio, Board.Mcp2515InterruptGpio), Board.Mcp2515CrystalHz, 0);
            ICanBus bus;
            try
            {
                bus = builder.StartCan();
            }
            catch (Mcp2515Exception e)
            {
                Debug.WriteLine("CAN: " + e.Message);
                Thread.Sleep(Timeout.Infinite);
                return;
            }
            Debug.WriteLine("CAN: " + (builder.BitRateDetected ? "detected " : "no traffic heard, using ") + builder.BitRate / 1000 + " kbit/s, listen-only");

            Mcp2515Controller driver = builder.Controller;

            // --- issue 13, w13a: spool on I:, status signals, watchdog, power (Power/Housekeeping.cs). The full loop
            // takes housekeeping.Spool in builder.PublishWith(...) and is handed to Supervise(loop) instead of null.
            Housekeeping housekeeping = Housekeeping.Start(clock, driver);
            housekeeping.Supervise(null);
            // --- end w13a
            CanFrame frame = new CanFrame();
            long nextReport = clock.MonotonicMilliseconds + ReportMilliseconds;
            while (true)
            {
                bus.Receive(frame, ReportMilliseconds);
                housekeeping.Step(); // w13a: watchdog feed and power check (may sleep)
                if (clock.MonotonicMilliseconds >= nextReport)
                {
                    nextReport += ReportMilliseconds;
                    Debug.WriteLine("CAN: " + driver.FramesReceived + " frames, " + driver.ReceiveOverflows + " overflows, "
                        + driver.MessageErrors + " message errors, " + driver.BusOffEvents + " bus-offs");
                }
            }
        }
    }
}
