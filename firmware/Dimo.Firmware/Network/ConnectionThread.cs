using System;
using System.Threading;
using Dimo.Core.Dongle;
using Dimo.Firmware.Uplink;
using Dimo.Core.Time;

namespace Dimo.Firmware.Network
{
    /// <summary>
    /// Keeps the way out open, on a thread of its own so the CAN loop never waits for the network: Wi-Fi up (with
    /// its back-off), then SNTP, then — once the clock is set, since TLS checks the certificate's validity dates — the MQTT
    /// session, retried with a back-off of its own (1 s doubling to 5 min, jittered). Reports each change on the
    /// console.
    /// </summary>
    public sealed class ConnectionThread
    {
        private const int PassMilliseconds = 1000;

        private readonly WifiLink _wifi;
        private readonly SntpTime _time;
        private readonly M2MqttUplink _uplink;
        private readonly ReconnectBackoff _mqttBackoff;
        private readonly IClock _clock;
        private long _nextMqttAttemptAt;
        private bool _wasUp;
        private bool _clockReported;

        public ConnectionThread(WifiLink wifi, SntpTime time, M2MqttUplink uplink, ReconnectBackoff mqttBackoff, IClock clock)
        {
            _wifi = wifi;
            _time = time;
            _uplink = uplink;
            _mqttBackoff = mqttBackoff;
            _clock = clock;
        }

        public void Start()
        {
            Thread thread = new Thread(Run);
            thread.Start();
        }

        private void Run()
        {
            while (true)
            {
                try
                {
                    Pass();
                }
                catch (Exception e)
                {
                    // A network stack error must not end the thread: the next pass starts over.
                    Console.WriteLine("network: " + e.Message);
                }
                Thread.Sleep(PassMilliseconds);
            }
        }

        private void Pass()
        {
            bool up = _wifi.Maintain();
            if (up != _wasUp)
            {
                _wasUp = up;
                Console.WriteLine(up ? "Wi-Fi: connected" : "Wi-Fi: down, retrying with back-off");
            }
            if (!up)
            {
                return;
            }
            _time.Start();
            if (!WallClock.IsSet(_clock.UnixMilliseconds))
            {
                return;
            }
            if (!_clockReported)
            {
                _clockReported = true;
                Console.WriteLine("clock: set by SNTP, " + DateTime.UtcNow.ToString("o"));
            }
            if (_uplink.IsConnected || _clock.MonotonicMilliseconds < _nextMqttAttemptAt)
            {
                return;
            }
            if (_uplink.Connect())
            {
                _mqttBackoff.Reset();
                Console.WriteLine("MQTT: connected (" + (_uplink.ProtocolVersion == nanoFramework.M2Mqtt.MqttProtocolVersion.Version_5 ? "5" : "3.1.1") + ")");
            }
            else
            {
                int wait = _mqttBackoff.NextDelayMilliseconds();
                _nextMqttAttemptAt = _clock.MonotonicMilliseconds + wait;
                Console.WriteLine("MQTT: " + _uplink.LastFailure + "; next try in " + wait / 1000 + " s");
            }
        }
    }
}
