using System.Threading;

namespace Dimo.Firmware
{
    /// <summary>
    /// Placeholder entry point: the core links and runs on the device; the hardware adapters
    /// (MCP2515 over SPI, Wi-Fi uplink, flash spool) arrive with the firmware issue.
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
