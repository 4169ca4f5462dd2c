using nanoFramework.Networking;

namespace Dimo.Firmware.Network
{
    /// <summary>
    /// Sets the RTC from SNTP once the network is up, and keeps it right (the native SNTP client polls by itself).
    /// Until the RTC reads a time the core believes (<c>Dimo.Core.Dongle.WallClock</c>), the dongle loop records
    /// nothing and seals nothing, and the uplink does not log in (the login token carries the time).
    /// </summary>
    public sealed class SntpTime
    {
        private readonly string _server;

        public SntpTime(string server)
        {
            _server = server;
        }

        public void Start()
        {
            if (Sntp.IsStarted)
            {
                return;
            }
            Sntp.Server1 = _server;
            Sntp.Server2 = "time.google.com";
            Sntp.Start();
            Sntp.UpdateNow();
        }
    }
}
