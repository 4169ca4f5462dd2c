using System;
using System.Device.Gpio;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using Dimo.Core.Can;
using Dimo.Core.Can.Mcp2515;
using Dimo.Core.Dongle;
using Dimo.Core.Dongle.Config;
using Dimo.Core.Obd;
using Dimo.Core.Obd.IsoTp;
using Dimo.Firmware.Can;
using Dimo.Firmware.Keys;
using Dimo.Firmware.Network;
using Dimo.Firmware.Power;
using Dimo.Firmware.Storage;
using Dimo.Firmware.Uplink;
using nanoFramework.Hardware.Esp32;
using Dimo.Core.Time;

namespace Dimo.Firmware
{
    /// <summary>
    /// The dongle: reads the connection settings from the flash, starts Wi-Fi, opens (or on the first boot creates)
    /// the device key (and co-signs the owner's claim when one waits on the flash), keeps the MQTT session up on its own thread, brings the CAN side up through the core's
    /// <see cref="DongleBuilder"/> (as the simulator does: the MCP2515 on SPI with its INT pin, bit rate detected in
    /// listen-only mode, OBD-II polling with the default template, the vehicle's decoder table when one is on the
    /// flash), takes the vehicle's config from the cloud (restored from <c>I:</c> at boot, new ones from the config
    /// topic; decoder tables only when signed by the settings' <c>config.signer</c>) and runs the core's loop, which
    /// signs, spools and publishes. Each concern has its own method below.
    /// </summary>
    public static class Program
    {
        /// <summary>This app's version; an app update (dimo update pack) must be newer.</summary>
        public const string FirmwareVersion = "0.13.0";

        private const int ReportMilliseconds = 60000;

        public static void Main()
        {
            DeviceClock clock = new DeviceClock();
            ConnectionSettings settings = ConnectionFiles.ReadSettings();
            if (settings == null)
            {
                Halt();
                return;
            }
            WifiLink wifi = StartWifi(settings, clock);
            FlashKeyStore keys = OpenKeyStore();
            Provisioning.Announce(keys, FirmwareVersion);
            ClaimSigning.SignPendingClaim(keys);
            M2MqttUplink uplink = StartUplink(settings, keys, wifi, clock);
            if (uplink == null)
            {
                Halt();
                return;
            }

            DongleBuilder builder = new DongleBuilder(clock);
            GpioController gpio = new GpioController();
            UseCan(builder, gpio);
            UseCloudConfig(builder, settings, uplink);
            // Files, spool on I:, status, watchdog: started only now, so Wi-Fi and key set-up above stay outside the watchdog.
            Housekeeping housekeeping = Housekeeping.Start(clock, FirmwareVersion);
            builder.PublishWith(keys, housekeeping.Spool, uplink);
            DongleLoop loop;
            try
            {
                loop = builder.Build();
            }
            catch (Mcp2515Exception e)
            {
                Debug.WriteLine("CAN: " + e.Message);
                Console.WriteLine("CAN: " + e.Message);
                Halt();
                return;
            }
            Console.WriteLine("CAN: " + (builder.BitRateDetected ? "detected " : "no traffic heard, using ") + builder.BitRate / 1000 + " kbit/s"
                + (builder.FiltersOpened ? ", filters opened for OBD answers" : ""));
            ReportConfig(builder.Config);
            housekeeping.Supervise(loop, builder.Controller);
            Run(loop, housekeeping, builder.Controller, uplink, clock);
        }

        /// <summary>Starts the radio with a first connection attempt (the key is drawn after this: the RNG needs the radio).</summary>
        private static WifiLink StartWifi(ConnectionSettings settings, IClock clock)
        {
            WifiLink wifi = new WifiLink(settings, new ReconnectBackoff(2000, 300000, new HardwareEntropy()), clock);
            Console.WriteLine("Wi-Fi: " + (wifi.TryConnect() ? "connected to " : "cannot reach yet ") + settings.WifiSsid);
            return wifi;
        }

        /// <summary>The device key: opened, or created on the first boot from the hardware RNG (radio on) mixed with gathered noise.</summary>
        private static FlashKeyStore OpenKeyStore()
        {
            return FlashKeyStore.OpenOrCreate(new EntropySource(GatherEntropy));
        }

        private static Dimo.Core.Crypto.IEntropy GatherEntropy()
        {
            return EntropyGathering.Gather(Board.SupplySenseAdcChannel);
        }

        /// <summary>The M2Mqtt uplink and the thread that keeps Wi-Fi, SNTP and the session up; null when TLS lacks its CA.</summary>
        private static M2MqttUplink StartUplink(ConnectionSettings settings, FlashKeyStore keys, WifiLink wifi, IClock clock)
        {
            X509Certificate ca = null;
            if (settings.MqttTls)
            {
                ca = ConnectionFiles.ReadCertificateAuthority();
                if (ca == null)
                {
                    return null;
                }
            }
            M2MqttUplink uplink = new M2MqttUplink(settings, ca, keys);
            new ConnectionThread(wifi, new SntpTime(settings.SntpServer), uplink,
                new ReconnectBackoff(1000, 300000, new HardwareEntropy()), clock).Start();
            return uplink;
        }

        /// <summary>The MCP2515 on SPI1 with its INT pin, OBD-II polling, and the vehicle's decoder table if the flash holds one.</summary>
        private static void UseCan(DongleBuilder builder, GpioController gpio)
        {
            Configuration.SetPinFunction(Board.SpiClockGpio, DeviceFunction.SPI1_CLOCK);
            Configuration.SetPinFunction(Board.SpiMisoGpio, DeviceFunction.SPI1_MISO);
            Configuration.SetPinFunction(Board.SpiMosiGpio, DeviceFunction.SPI1_MOSI);
            // The transceiver's STB pin is pulled up (standby); low lets it pass the bus to the MCP2515.
            GpioPin standby = gpio.OpenPin(Board.CanTransceiverStandbyGpio, PinMode.Output);
            standby.Write(PinValue.Low);
            builder.UseMcp2515(SpiDevicePort.ForMcp2515(Board.SpiBusId, Board.Mcp2515ChipSelectGpio, Board.SpiClockHz),
                new GpioInterruptLine(gpio, Board.Mcp2515InterruptGpio), Board.Mcp2515CrystalHz, 0);
            builder.PollObd(PollTemplate.Default(), IsoTpAddressing.Standard11Bit, new IsoTpSettings());
            if (File.Exists(DevicePaths.DecoderTable))
            {
                try
                {
                    builder.DecodeWith(DecoderTable.Load(File.ReadAllBytes(DevicePaths.DecoderTable)));
                }
                catch (DecoderTableException e)
                {
                    Console.WriteLine("CAN: " + DevicePaths.DecoderTable + " ignored: " + e.Message);
                }
            }
        }

        /// <summary>
        /// Config from the cloud: what an earlier boot applied comes back from <see cref="DevicePaths.ConfigFolder"/>
        /// (over the built-in template and table until then), and the uplink hands the loop each message from the config
        /// topic. Without <c>config.signer</c> in the settings only poll templates are accepted, never a decoder table.
        /// </summary>
        private static void UseCloudConfig(DongleBuilder builder, ConnectionSettings settings, M2MqttUplink uplink)
        {
            builder.ConfigureFrom(new DriveConfigStorage(DevicePaths.ConfigFolder), uplink, settings.ConfigSigner);
        }

        private static void ReportConfig(ConfigApplier config)
        {
            Console.WriteLine("config: " + (config.Version == 0 ? "built-in" : "version " + config.Version)
                + (config.TableFellBack ? ", the stored decoder table was damaged: an older one is in use" : ""));
        }

        /// <summary>The core's loop, forever, with the watchdog fed and the power checked (it may sleep) on every pass, and the counters on the console every minute.</summary>
        private static void Run(DongleLoop loop, Housekeeping housekeeping, Mcp2515Controller driver, M2MqttUplink uplink, IClock clock)
        {
            long nextReport = clock.MonotonicMilliseconds + ReportMilliseconds;
            while (true)
            {
                loop.Step();
                housekeeping.Step();
                if (clock.MonotonicMilliseconds >= nextReport)
                {
                    nextReport += ReportMilliseconds;
                    Console.WriteLine("dongle: " + loop.BatchesSealed + " sealed, " + loop.BatchesAcknowledged + " acknowledged, "
                        + loop.Spool.PendingCount + " spooled, " + loop.ReadingsBeforeClockSet + " readings before SNTP, MQTT "
                        + (uplink.IsConnected ? "up" : "down") + "; config " + loop.ConfigVersion + " (" + uplink.ConfigsReceived + " received, "
                        + loop.Config.Applied + " applied" + (loop.Config.LastErrorMessage == null ? "" : ", last refused: " + loop.Config.LastErrorMessage) + "); CAN " + driver.FramesReceived + " frames, "
                        + driver.ReceiveOverflows + " overflows, " + driver.BusOffEvents + " bus-offs");
                }
            }
        }

        private static void Halt()
        {
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
