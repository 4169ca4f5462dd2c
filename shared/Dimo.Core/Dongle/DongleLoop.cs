using Dimo.Core.Can;
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
    /// clock, so tests and the simulator drive the loop deterministically. Not thread-safe.
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

        public Spool Spool
        {
            get { return _spool; }
        }

        public long FramesDecoded { get; private set; }
        public long ReadingsCollected { get; private set; }

        /// <summary>Readings not recorded because their signal was recorded less than a sample interval before.</summary>
        public long ReadingsThinned { get; private set; }

        public long BatchesSealed { get; private set; }

        /// <summary>Readings inside sealed batches; readings collected since the last seal are not counted yet.</summary>
        public long ReadingsSealed { get; private set; }

        /// <summary>Hand-overs to the uplink, resends included.</summary>
        public long BatchesPublished { get; private set; }

        public long BatchesAcknowledged { get; private set; }

        /// <summary>Collections of readings the batch writer refused (see <see cref="LastRejection"/>); their readings are lost.</summary>
        public long BatchesRejected { get; private set; }

        public BatchFormatException LastRejection { get; private set; }

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

        /// <summary>One pass of the loop; call it often (the device every few ms, the simulator every virtual tick).</summary>
        public void Step()
        {
            TakeAcknowledgements();
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
            int count = _readings.Count;
            if (count == 0)
            {
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

        private void ReadCan()
        {
            if (_bus == null)
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
            int interval = SampleIntervalMilliseconds < 1 ? 1 : SampleIntervalMilliseconds;
            if (_hasReading[signalId] && time < _lastReadingAt[signalId] + interval && time > _lastReadingAt[signalId] - interval)
            {
                ReadingsThinned++;
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
