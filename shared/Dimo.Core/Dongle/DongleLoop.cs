using Dimo.Core.Can;
using Dimo.Core.Dongle.Config;
using Dimo.Core.Obd;
using Dimo.Core.Signals;
using Dimo.Core.Time;
using Dimo.Core.Wire;

namespace Dimo.Core.Dongle
{
    /// <summary>
    /// The dongle's main loop, one <see cref="Step"/> at a time: take the broker's acknowledgements (and drop
    /// those batches from the spool), read the CAN frames waiting on the bus and decode them, let the OBD poller
    /// ask what is due, and every <see cref="BatchIntervalMilliseconds"/> seal the collected readings into a
    /// signed batch, spool it, and publish. Unacknowledged batches are published oldest first, at most
    /// <see cref="MaxInFlight"/> at a time; one is sent again when the uplink reconnects or when its
    /// acknowledgement is <see cref="ResendAfterMilliseconds"/> late, and after a reboot everything the spool
    /// still holds goes out again. A signal is recorded at most once per <see cref="SampleIntervalMilliseconds"/>
    /// (a CAN signal repeats every 10-100 ms), so per-frame work allocates nothing. All time comes from the
    /// clock, so tests and the simulator drive the loop deterministically. Until the wall clock is set (SNTP on the
    /// device, see <see cref="WallClock"/>) nothing is recorded or sealed.
    /// <para>
    /// A spool running short of room (<see cref="ThinAtSpoolPercent"/> of its segments holding unacknowledged
    /// batches) does not drop silently: low-priority signals (<see cref="SignalPriority"/>) are first recorded only
    /// once per <see cref="ThinnedSampleIntervalMilliseconds"/>, and only if the ring still fills does the spool
    /// drop its oldest batches. Both are counted and, with a <see cref="Status"/>, reported as signals
    /// (dimoAftermarketThinnedReadings, dimoAftermarketDroppedBatches, counts since boot), together with the
    /// firmware and config versions, the reboot count and reason (first batch after boot, then on change).
    /// </para>
    /// Not thread-safe.
    /// </summary>
    public sealed class DongleLoop : IObdReadingSink
    {
        /// <summary>Batches handed to the uplink and not yet acknowledged, at most.</summary>
        public const int MaxInFlight = 8;

        private readonly IClock _clock;
        private readonly IKeyStore _keys;
        private readonly Spool _spool;
        private readonly IUplink _uplink;
        private readonly BatchWriter _writer = new BatchWriter();
        // The readings collected for the next batch, as columns: no object per reading.
        private readonly ReadingColumns _readings;
        // Per signal id, up to the catalog's highest (ids are small and dense): when it was last recorded.
        private readonly int _signalSlots;
        private readonly long[] _lastReadingAt;
        private readonly bool[] _hasReading;
        private readonly bool[] _inCatalog;
        private readonly bool[] _essential;
        private readonly uint[] _inFlightSeq = new uint[MaxInFlight];
        private readonly long[] _inFlightSentAt = new long[MaxInFlight];
        private readonly CanFrame _frame = new CanFrame();
        private int _inFlightCount;
        private int _epoch = -1;
        private long _nextBatchAt;
        private ICanBus _bus;
        private FrameDecoder _decoder;
        private DecodeResult _decoded;
        private ObdPoller _poller;
        private bool _spoolPressed;
        private bool _bootStatusSent;
        private int _reportedConfigVersion;
        private int _reportedDropped;
        private long _reportedThinned;
        private readonly int _droppedId = SignalCatalog.IdOf("dimoAftermarketDroppedBatches");
        private readonly int _thinnedId = SignalCatalog.IdOf("dimoAftermarketThinnedReadings");
        private readonly int _configVersionId = SignalCatalog.IdOf("dimoAftermarketConfigVersion");
        private readonly int _firmwareVersionId = SignalCatalog.IdOf("dimoAftermarketFirmwareVersion");
        private readonly int _rebootCountId = SignalCatalog.IdOf("dimoAftermarketRebootCount");
        private readonly int _rebootReasonId = SignalCatalog.IdOf("dimoAftermarketRebootReason");
        private IConfigInbox _configInbox;
        private ConfigApplier _config;
        private PollerFactory _pollerFactory;

        public DongleLoop(IClock clock, IKeyStore keys, Spool spool, IUplink uplink, int maxReadingsPerBatch)
        {
            if (clock == null || keys == null || spool == null || uplink == null)
            {
                throw new System.ArgumentNullException(clock == null ? "clock" : keys == null ? "keys" : spool == null ? "spool" : "uplink");
            }
            if (maxReadingsPerBatch < 1 || maxReadingsPerBatch > WireFormat.MaxReadings)
            {
                throw new System.ArgumentOutOfRangeException("maxReadingsPerBatch", "a batch holds 1 to 4096 readings");
            }
            _clock = clock;
            _keys = keys;
            _spool = spool;
            _uplink = uplink;
            _readings = new ReadingColumns(maxReadingsPerBatch);
            _signalSlots = SignalCatalog.HighestId + 1;
            _lastReadingAt = new long[_signalSlots];
            _hasReading = new bool[_signalSlots];
            _inCatalog = new bool[_signalSlots];
            for (int id = 1; id < _signalSlots; id++)
            {
                _inCatalog[id] = SignalCatalog.RowOf(id) >= 0;
            }
            _essential = new bool[_signalSlots];
            SignalPriority.MarkEssential(_essential);
            _nextBatchAt = clock.MonotonicMilliseconds + BatchIntervalMilliseconds;
        }

        /// <summary>How often collected readings are sealed into a batch (DIMO's cadence is 20 s).</summary>
        public int BatchIntervalMilliseconds
        {
            get { return _batchInterval; }
            set
            {
                if (value < 1)
                {
                    throw new System.ArgumentOutOfRangeException("value", "the batch interval is at least 1 ms");
                }
                _nextBatchAt = _nextBatchAt - _batchInterval + value;
                _batchInterval = value;
            }
        }

        private int _batchInterval = 20000;

        /// <summary>The shortest time between two recorded readings of one signal (at least 1 ms).</summary>
        public int SampleIntervalMilliseconds = 1000;

        /// <summary>How long a published batch may wait for its acknowledgement before it is sent again.</summary>
        public int ResendAfterMilliseconds = 30000;

        /// <summary>Frames read from the bus per step at most, so a busy bus cannot starve the rest of the loop.</summary>
        public int MaxFramesPerStep = 256;

        /// <summary>With this share (percent) of the spool's segments holding unacknowledged batches, low-priority signals are thinned.</summary>
        public int ThinAtSpoolPercent = 75;

        /// <summary>The shortest time between two recorded readings of a low-priority signal while the spool is short of room.</summary>
        public int ThinnedSampleIntervalMilliseconds = 30000;

        /// <summary>What the loop reports about the dongle (versions, reboot reason); null reports no status signals.</summary>
        public DeviceStatus Status;

        public Spool Spool
        {
            get { return _spool; }
        }

        public long FramesDecoded { get; private set; }
        public long ReadingsCollected { get; private set; }

        /// <summary>Readings not recorded because their signal was recorded less than a sample interval before.</summary>
        public long ReadingsThinned { get; private set; }

        /// <summary>Low-priority readings not recorded because the spool was short of room (see <see cref="ThinAtSpoolPercent"/>).</summary>
        public long ReadingsThinnedForSpace { get; private set; }

        /// <summary>True while the spool is short of room and low-priority signals are thinned.</summary>
        public bool SpoolPressed
        {
            get { return _spoolPressed; }
        }

        public long BatchesSealed { get; private set; }

        /// <summary>Readings inside sealed batches; readings collected since the last seal are not counted yet.</summary>
        public long ReadingsSealed { get; private set; }

        /// <summary>Hand-overs to the uplink, resends included.</summary>
        public long BatchesPublished { get; private set; }

        public long BatchesAcknowledged { get; private set; }

        /// <summary>Collections of readings the batch writer refused (see <see cref="LastRejection"/>); their readings are lost.</summary>
        public long BatchesRejected { get; private set; }

        public BatchFormatException LastRejection { get; private set; }

        /// <summary>Readings refused because the wall clock was not set yet (see <see cref="WallClock"/>).</summary>
        public long ReadingsBeforeClockSet { get; private set; }

        /// <summary>Seals put off because the wall clock was not set yet; the readings wait for the next one.</summary>
        public long SealsBeforeClockSet { get; private set; }

        /// <summary>Readings waiting for the next batch.</summary>
        public int PendingReadings
        {
            get { return _readings.Count; }
        }

        /// <summary>Reads and decodes passive CAN traffic from <paramref name="bus"/> with <paramref name="decoder"/>'s table.</summary>
        public void AttachCan(ICanBus bus, FrameDecoder decoder)
        {
            _bus = bus;
            _decoder = decoder;
            _decoded = decoder == null ? null : decoder.CreateResult();
        }

        /// <summary>Polls the car with <paramref name="poller"/>, which must deliver its readings to this loop.</summary>
        public void AttachObd(ObdPoller poller)
        {
            _poller = poller;
        }

        /// <summary>
        /// Takes config messages from <paramref name="inbox"/> and applies them with <paramref name="applier"/>: a new
        /// table replaces the decoder, a new template the poller (made by <paramref name="pollerFactory"/>; null when
        /// the dongle does not poll).
        /// </summary>
        public void AttachConfig(IConfigInbox inbox, ConfigApplier applier, PollerFactory pollerFactory)
        {
            _configInbox = inbox;
            _config = applier;
            _pollerFactory = pollerFactory;
        }

        /// <summary>The config version the dongle runs (0: the firmware's built-in template and table, or no config attached).</summary>
        public int ConfigVersion
        {
            get { return _config == null ? 0 : _config.Version; }
        }

        /// <summary>The config applier given to <see cref="AttachConfig"/>, with its counters; null without one.</summary>
        public ConfigApplier Config
        {
            get { return _config; }
        }

        /// <summary>The OBD poller in use (replaced when a config changes the template); null when the dongle does not poll.</summary>
        public ObdPoller Poller
        {
            get { return _poller; }
        }

        /// <summary>One pass of the loop; call it often (the device every few ms, the simulator every virtual tick).</summary>
        public void Step()
        {
            TakeAcknowledgements();
            UpdateSpoolPressure();
            TakeConfig();
            ReadCan();
            if (_poller != null)
            {
                _poller.Poll();
            }
            long now = _clock.MonotonicMilliseconds;
            if (now >= _nextBatchAt)
            {
                Seal();
                _nextBatchAt += _batchInterval;
                if (_nextBatchAt <= now)
                {
                    _nextBatchAt = now + _batchInterval;
                }
            }
            TakeAcknowledgements();
            PublishPending();
        }

        /// <summary>Seals whatever has been collected now, without waiting for the interval (e.g. before a planned shutdown).</summary>
        public void Seal()
        {
            if (Status != null)
            {
                AddStatus();
            }
            int count = _readings.Count;
            if (count == 0)
            {
                return;
            }
            if (!WallClock.IsSet(_clock.UnixMilliseconds))
            {
                SealsBeforeClockSet++;
                return;
            }
            uint seq;
            byte[] body;
            try
            {
                seq = _spool.TakeSequence();
                body = _writer.WriteBody(_spool.BootId, seq, _readings);
            }
            catch (BatchFormatException rejection)
            {
                BatchesRejected++;
                LastRejection = rejection;
                return;
            }
            finally
            {
                // Taken whatever happens: a seal that fails loses its readings rather than jamming a full buffer.
                _readings.Clear();
            }
            byte[] wire = SignedBatch.Join(body, _keys.SignPersonalMessage(body, 0, body.Length));
            _spool.Append(seq, wire);
            BatchesSealed++;
            ReadingsSealed += count;
            UpdateSpoolPressure();
        }

        /// <summary>Adds the status readings due (boot status once, counters and config version on change) while there is room.</summary>
        private void AddStatus()
        {
            long time = _clock.UnixMilliseconds;
            if (!_bootStatusSent && _readings.Count + 3 <= _readings.Capacity)
            {
                _bootStatusSent = true;
                _readings.AddNumber((ushort)_rebootCountId, time, _spool.BootId - 1);
                if (Status.FirmwareVersion != null)
                {
                    _readings.AddText((ushort)_firmwareVersionId, time, Status.FirmwareVersion);
                }
                if (Status.RebootReason != null)
                {
                    _readings.AddText((ushort)_rebootReasonId, time, Status.RebootReason);
                }
            }
            int configVersion = ConfigVersion;
            if (configVersion != _reportedConfigVersion && _readings.Count < _readings.Capacity)
            {
                _reportedConfigVersion = configVersion;
                _readings.AddNumber((ushort)_configVersionId, time, _reportedConfigVersion);
            }
            if (_spool.DroppedBatches != _reportedDropped && _readings.Count < _readings.Capacity)
            {
                _reportedDropped = _spool.DroppedBatches;
                _readings.AddNumber((ushort)_droppedId, time, _reportedDropped);
            }
            if (ReadingsThinnedForSpace != _reportedThinned && _readings.Count < _readings.Capacity)
            {
                _reportedThinned = ReadingsThinnedForSpace;
                _readings.AddNumber((ushort)_thinnedId, time, _reportedThinned);
            }
        }

        private void UpdateSpoolPressure()
        {
            _spoolPressed = _spool.SegmentsInUse * 100 >= ThinAtSpoolPercent * _spool.SegmentCount;
        }

        /// <summary>Decodes one CAN frame into readings; also the handler for frames that pass by during OBD exchanges.</summary>
        public void OnCanFrame(CanFrame frame)
        {
            if (_decoder == null || _decoder.Decode(frame, _decoded) != DecodeOutcome.Decoded)
            {
                return;
            }
            FramesDecoded++;
            long time = _clock.UnixMilliseconds;
            DecoderTable table = _decoder.Table;
            for (int i = 0; i < _decoded.Count; i++)
            {
                int signalId = table.SignalCatalogId(_decoded.SignalIndexes[i]);
                if (signalId > 0 && IsDue(signalId, time))
                {
                    _readings.AddNumber((ushort)signalId, time, _decoded.Values[i]);
                    Added();
                }
            }
        }

        public void OnNumber(int signalId, long unixMilliseconds, double value)
        {
            if (IsDue(signalId, unixMilliseconds))
            {
                _readings.AddNumber((ushort)signalId, unixMilliseconds, value);
                Added();
            }
        }

        public void OnText(int signalId, long unixMilliseconds, string value)
        {
            if (IsDue(signalId, unixMilliseconds))
            {
                _readings.AddText((ushort)signalId, unixMilliseconds, value);
                Added();
            }
        }

        private void TakeConfig()
        {
            if (_configInbox == null)
            {
                return;
            }
            byte[] message;
            while (_configInbox.TryTakeConfig(out message))
            {
                if (_config.Apply(message) != ConfigOutcome.Applied)
                {
                    continue;
                }
                if (_config.TableChanged && _bus != null)
                {
                    AttachCan(_bus, new FrameDecoder(_config.Table));
                }
                if (_config.TemplateChanged && _pollerFactory != null)
                {
                    _poller = _pollerFactory(_config.Template);
                }
            }
        }

        private void ReadCan()
        {
            if (_bus == null || _decoder == null)
            {
                return;
            }
            for (int i = 0; i < MaxFramesPerStep && _bus.Receive(_frame, 0); i++)
            {
                OnCanFrame(_frame);
            }
        }

        /// <summary>True (and remembered) when the signal is in the catalog and its last reading is a sample interval old.</summary>
        private bool IsDue(int signalId, long time)
        {
            if (signalId <= 0 || signalId >= _signalSlots || !_inCatalog[signalId])
            {
                return false;
            }
            if (!WallClock.IsSet(time))
            {
                ReadingsBeforeClockSet++;
                return false;
            }
            int interval = SampleIntervalMilliseconds < 1 ? 1 : SampleIntervalMilliseconds;
            if (_hasReading[signalId] && time < _lastReadingAt[signalId] + interval && time > _lastReadingAt[signalId] - interval)
            {
                ReadingsThinned++;
                return false;
            }
            interval = ThinnedSampleIntervalMilliseconds;
            if (_spoolPressed && !_essential[signalId] && _hasReading[signalId]
                && time < _lastReadingAt[signalId] + interval && time > _lastReadingAt[signalId] - interval)
            {
                ReadingsThinnedForSpace++;
                return false;
            }
            _hasReading[signalId] = true;
            _lastReadingAt[signalId] = time;
            return true;
        }

        private void Added()
        {
            ReadingsCollected++;
            if (_readings.Count == _readings.Capacity)
            {
                Seal();
            }
        }

        private void TakeAcknowledgements()
        {
            uint seq;
            while (_uplink.TryTakeAcknowledged(out seq))
            {
                if (_spool.Acknowledge(seq))
                {
                    BatchesAcknowledged++;
                }
                int slot = InFlightSlot(seq);
                if (slot >= 0)
                {
                    RemoveInFlight(slot);
                }
            }
        }

        private void PublishPending()
        {
            if (!_uplink.IsConnected)
            {
                return;
            }
            int epoch = _uplink.ConnectionEpoch;
            if (epoch != _epoch)
            {
                // A new session may have lost whatever the old one had not acknowledged.
                _epoch = epoch;
                _inFlightCount = 0;
            }
            int window = _spool.PendingCount < MaxInFlight ? _spool.PendingCount : MaxInFlight;
            ForgetInFlightOutside(window);
            long now = _clock.MonotonicMilliseconds;
            for (int i = 0; i < window; i++)
            {
                uint seq = _spool.PendingSeq(i);
                int slot = InFlightSlot(seq);
                if (slot >= 0 && now - _inFlightSentAt[slot] < ResendAfterMilliseconds)
                {
                    continue;
                }
                if (!_uplink.Publish(seq, _spool.ReadPending(i)))
                {
                    return;
                }
                BatchesPublished++;
                if (slot < 0)
                {
                    slot = _inFlightCount;
                    _inFlightCount++;
                    _inFlightSeq[slot] = seq;
                }
                _inFlightSentAt[slot] = now;
            }
        }

        /// <summary>Forgets in-flight batches that left the oldest-pending window (dropped by the spool when full).</summary>
        private void ForgetInFlightOutside(int window)
        {
            for (int slot = _inFlightCount - 1; slot >= 0; slot--)
            {
                bool inWindow = false;
                for (int i = 0; i < window && !inWindow; i++)
                {
                    inWindow = _spool.PendingSeq(i) == _inFlightSeq[slot];
                }
                if (!inWindow)
                {
                    RemoveInFlight(slot);
                }
            }
        }

        private int InFlightSlot(uint seq)
        {
            for (int slot = 0; slot < _inFlightCount; slot++)
            {
                if (_inFlightSeq[slot] == seq)
                {
                    return slot;
                }
            }
            return -1;
        }

        private void RemoveInFlight(int slot)
        {
            _inFlightCount--;
            _inFlightSeq[slot] = _inFlightSeq[_inFlightCount];
            _inFlightSentAt[slot] = _inFlightSentAt[_inFlightCount];
        }
    }
}
