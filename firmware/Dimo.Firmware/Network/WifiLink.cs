using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using Dimo.Core.Dongle;
using nanoFramework.Networking;
using Dimo.Core.Time;

namespace Dimo.Firmware.Network
{
    /// <summary>
    /// The station link to the owner's Wi-Fi. <see cref="TryConnect"/> makes one bounded attempt (DHCP, the radio
    /// reconnects by itself afterwards: <see cref="WifiReconnectionKind.Automatic"/>); <see cref="Maintain"/> makes
    /// a new attempt when the link is down and the core's <see cref="ReconnectBackoff"/> says it is time, so a car
    /// parked out of range does not keep the radio busy. Runs on the connection thread, never on the CAN loop.
    /// </summary>
    public sealed class WifiLink
    {
        private const int AttemptMilliseconds = 20000;

        private readonly string _ssid;
        private readonly string _password;
        private readonly ReconnectBackoff _backoff;
        private readonly IClock _clock;
        private long _nextAttemptAt;

        public WifiLink(ConnectionSettings settings, ReconnectBackoff backoff, IClock clock)
        {
            _ssid = settings.WifiSsid;
            _password = settings.WifiPassword;
            _backoff = backoff;
            _clock = clock;
        }

        public bool IsUp
        {
            get { return WifiNetworkHelper.Status == NetworkHelperStatus.NetworkIsReady && NetworkInterface.GetIsNetworkAvailable(); }
        }

        public int Attempts { get; private set; }

        /// <summary>One attempt of at most 20 s; starts the radio, so the hardware RNG is random from here on.</summary>
        public bool TryConnect()
        {
            Attempts++;
            CancellationTokenSource timeout = new CancellationTokenSource(AttemptMilliseconds);
            bool connected = WifiNetworkHelper.ConnectDhcp(_ssid, _password, WifiReconnectionKind.Automatic, false, 0, timeout.Token);
            timeout.Dispose();
            if (connected)
            {
                _backoff.Reset();
            }
            else
            {
                _nextAttemptAt = _clock.MonotonicMilliseconds + _backoff.NextDelayMilliseconds();
            }
            return connected;
        }

        /// <summary>True when the link is up, after a new attempt if it was down and the back-off allowed one.</summary>
        public bool Maintain()
        {
            if (IsUp)
            {
                return true;
            }
            if (_clock.MonotonicMilliseconds < _nextAttemptAt)
            {
                return false;
            }
            return TryConnect();
        }
    }
}
