using System;
using System.Security.Cryptography.X509Certificates;
using Dimo.Core.Crypto;
using Dimo.Core.DeviceContract;
using Dimo.Core.Dongle;
using Dimo.Core.Dongle.Config;
using Dimo.Firmware.Keys;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace Dimo.Firmware.Uplink
{
    /// <summary>
    /// The core's <see cref="IUplink"/> over nanoFramework's M2Mqtt: QoS 1 publishes to
    /// <c>dimo/v1/devices/{lowercase address}/batches</c>, over TLS 1.2 with the ingestor's CA from the device's flash
    /// (or plain TCP when the settings say so), logging in with <see cref="DeviceCredential"/>. MQTT 5 is tried
    /// first; a server that refuses it gets 3.1.1 from then on. A batch counts as delivered only when its PUBACK
    /// arrives (M2Mqtt's published event with IsPublished), and only then does <see cref="TryTakeAcknowledged"/> hand
    /// its sequence number to the loop, which drops it from the spool. Connecting is the connection thread's job
    /// (<see cref="Connect"/>, with the back-off); publishing and taking acknowledgements are the loop's. Each
    /// connect is a new client and a new <see cref="ConnectionEpoch"/>, so the loop resends what the old session
    /// had not acknowledged.
    /// It is also the loop's <see cref="IConfigInbox"/>: after each connect it subscribes (QoS 1) to the device's
    /// config topic, where the ingestor keeps the vehicle's config retained, so every (re)connect brings the current
    /// one. M2Mqtt's receive thread leaves a config message here; the loop takes it when it polls.
    /// </summary>
    public sealed class M2MqttUplink : IUplink, IConfigInbox
    {
        // Message ids in flight: DongleLoop keeps at most MaxInFlight unacknowledged, resends reuse slots.
        private const int Slots = 2 * DongleLoop.MaxInFlight;
        private const int AcknowledgedCapacity = 4 * DongleLoop.MaxInFlight;
        private const ushort KeepAliveSeconds = 60;

        private readonly object _gate = new object();
        private readonly ConnectionSettings _settings;
        private readonly X509Certificate _certificateAuthority;
        private readonly FlashKeyStore _keys;
        private readonly string _address;
        private readonly string _topic;
        private readonly string _configTopic;
        private readonly ushort[] _slotMessageId = new ushort[Slots];
        private readonly uint[] _slotSeq = new uint[Slots];
        private readonly bool[] _slotUsed = new bool[Slots];
        private readonly uint[] _acknowledged = new uint[AcknowledgedCapacity];
        private int _acknowledgedStart;
        private int _acknowledgedCount;
        private MqttClient _client;
        private bool _mqtt5Refused;
        // One waiting config, the latest received: a message can be 4 KB of a ~100 KB heap, and only the newest version
        // matters (the loop ignores older ones anyway), so a later arrival replaces one the loop has not taken yet.
        private byte[] _pendingConfig;

        /// <param name="certificateAuthority">The CA of the ingestor's certificate; null only with TLS off in the settings.</param>
        public M2MqttUplink(ConnectionSettings settings, X509Certificate certificateAuthority, FlashKeyStore keys)
        {
            if (settings.MqttTls && certificateAuthority == null)
            {
                throw new ArgumentNullException("certificateAuthority", "TLS needs the ingestor's CA");
            }
            _settings = settings;
            _certificateAuthority = certificateAuthority;
            _keys = keys;
            _address = EthAddress.ToLowerString(keys.Address);
            _topic = DeviceTopics.Batches(_address);
            _configTopic = DeviceTopics.Config(_address);
        }

        public bool IsConnected
        {
            get
            {
                MqttClient client = _client;
                return client != null && client.IsConnected;
            }
        }

        public int ConnectionEpoch { get; private set; }

        /// <summary>MQTT 5 or 3.1.1: what the last successful connect used.</summary>
        public MqttProtocolVersion ProtocolVersion { get; private set; }

        /// <summary>The broker's answer to the last failed connect, for the console.</summary>
        public string LastFailure { get; private set; }

        /// <summary>Batches the broker gave up on (no PUBACK after M2Mqtt's retries); the loop resends them.</summary>
        public int Undelivered { get; private set; }

        /// <summary>Config messages received on the config topic (each retained one again after every connect).</summary>
        public int ConfigsReceived { get; private set; }

        /// <summary>Config messages replaced by a newer arrival before the loop took them.</summary>
        public int ConfigsSuperseded { get; private set; }

        /// <summary>One connect attempt with a fresh credential; true once the broker accepted it.</summary>
        public bool Connect()
        {
            Close();
            MqttReasonCode code = ConnectWith(_mqtt5Refused ? MqttProtocolVersion.Version_3_1_1 : MqttProtocolVersion.Version_5);
            // A 3.1.1 broker answers an MQTT 5 CONNECT with its own "unacceptable protocol version" code, which M2Mqtt
            // does not map to UnsupportedProtocolVersion: so any refusal that is not about the login or the network
            // gets one 3.1.1 attempt, remembered when it works.
            if (code != MqttReasonCode.Success && !_mqtt5Refused && code != MqttReasonCode.BadUserNameOrPassword
                && code != MqttReasonCode.NotAuthorized && code != MqttReasonCode.ServerUnavailable)
            {
                Close();
                MqttReasonCode fallback = ConnectWith(MqttProtocolVersion.Version_3_1_1);
                if (fallback == MqttReasonCode.Success)
                {
                    _mqtt5Refused = true;
                }
                code = fallback;
            }
            if (code != MqttReasonCode.Success)
            {
                LastFailure = "broker refused the login: " + code.ToString();
                Close();
                return false;
            }
            lock (_gate)
            {
                for (int i = 0; i < Slots; i++)
                {
                    _slotUsed[i] = false;
                }
            }
            ConnectionEpoch++;
            SubscribeToConfig();
            return true;
        }

        public bool Publish(uint seq, byte[] wire)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected)
            {
                return false;
            }
            lock (_gate)
            {
                int slot = FreeSlot(seq);
                if (slot < 0)
                {
                    return false;
                }
                ushort messageId;
                try
                {
                    // The id is recorded under the lock the PUBACK handler takes, so an early PUBACK cannot be missed.
                    messageId = client.Publish(_topic, wire, null, null, MqttQoSLevel.AtLeastOnce, false);
                }
                catch (Exception e)
                {
                    LastFailure = "publish failed: " + e.Message;
                    return false;
                }
                _slotMessageId[slot] = messageId;
                _slotSeq[slot] = seq;
                _slotUsed[slot] = true;
            }
            return true;
        }

        public bool TryTakeConfig(out byte[] message)
        {
            lock (_gate)
            {
                message = _pendingConfig;
                _pendingConfig = null;
                return message != null;
            }
        }

        public bool TryTakeAcknowledged(out uint seq)
        {
            lock (_gate)
            {
                if (_acknowledgedCount == 0)
                {
                    seq = 0;
                    return false;
                }
                seq = _acknowledged[_acknowledgedStart];
                _acknowledgedStart = (_acknowledgedStart + 1) % AcknowledgedCapacity;
                _acknowledgedCount--;
                return true;
            }
        }

        private MqttReasonCode ConnectWith(MqttProtocolVersion version)
        {
            MqttClient client = new MqttClient(_settings.MqttHost, _settings.MqttPort, _settings.MqttTls, _certificateAuthority, null,
                _settings.MqttTls ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
            client.ProtocolVersion = version;
            client.MqttMsgPublished += OnPublished;
            client.MqttMsgPublishReceived += OnMessageReceived;
            _client = client;
            try
            {
                MqttReasonCode code = client.Connect(_address, _address, DeviceCredential.Password(_keys), true, KeepAliveSeconds);
                if (code == MqttReasonCode.Success)
                {
                    ProtocolVersion = version;
                }
                return code;
            }
            catch (Exception e)
            {
                LastFailure = "cannot reach " + _settings.MqttHost + ":" + _settings.MqttPort + ": " + e.Message;
                return MqttReasonCode.ServerUnavailable;
            }
        }

        private void Close()
        {
            MqttClient client = _client;
            _client = null;
            if (client == null)
            {
                return;
            }
            client.MqttMsgPublished -= OnPublished;
            client.MqttMsgPublishReceived -= OnMessageReceived;
            try
            {
                if (client.IsConnected)
                {
                    client.Disconnect();
                }
            }
            catch (Exception)
            {
                // The socket is gone already; disposing is all that is left.
            }
            client.Dispose();
        }

        /// <summary>
        /// Asks for the config topic on the new session (a clean session keeps no subscription). A failure leaves the
        /// session up for batches, which matter more, and is tried again at the next connect.
        /// </summary>
        private void SubscribeToConfig()
        {
            MqttClient client = _client;
            try
            {
                client.Subscribe(new string[] { _configTopic }, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce });
            }
            catch (Exception e)
            {
                LastFailure = "config subscription failed: " + e.Message;
            }
        }

        /// <summary>M2Mqtt's thread: a message on a subscribed topic; only the config topic is subscribed to.</summary>
        private void OnMessageReceived(object sender, MqttMsgPublishEventArgs e)
        {
            // An empty retained message is how a broker clears the topic: there is nothing to apply.
            if (sender != _client || e.Message == null || e.Message.Length == 0 || !string.Equals(e.Topic, _configTopic))
            {
                return;
            }
            lock (_gate)
            {
                if (_pendingConfig != null)
                {
                    ConfigsSuperseded++;
                }
                _pendingConfig = e.Message;
                ConfigsReceived++;
            }
        }

        /// <summary>M2Mqtt's thread: a PUBACK (IsPublished) or a publish given up after its retries.</summary>
        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            if (sender != _client)
            {
                return;
            }
            lock (_gate)
            {
                for (int i = 0; i < Slots; i++)
                {
                    if (_slotUsed[i] && _slotMessageId[i] == e.MessageId)
                    {
                        _slotUsed[i] = false;
                        if (!e.IsPublished)
                        {
                            Undelivered++;
                        }
                        else if (_acknowledgedCount < AcknowledgedCapacity)
                        {
                            _acknowledged[(_acknowledgedStart + _acknowledgedCount) % AcknowledgedCapacity] = _slotSeq[i];
                            _acknowledgedCount++;
                        }
                        return;
                    }
                }
            }
        }

        /// <summary>The slot already carrying <paramref name="seq"/> (a resend replaces it), else a free one, else -1.</summary>
        private int FreeSlot(uint seq)
        {
            int free = -1;
            for (int i = 0; i < Slots; i++)
            {
                if (_slotUsed[i] && _slotSeq[i] == seq)
                {
                    return i;
                }
                if (!_slotUsed[i] && free < 0)
                {
                    free = i;
                }
            }
            return free;
        }
    }
}
