using Dimo.Core.Time;
using Dimo.Core.Obd.IsoTp;
using Dimo.Core.Obd.Pids;

namespace Dimo.Core.Obd
{
    /// <summary>
    /// Polls a car over OBD-II as a vehicle template says. First it discovers the supported PIDs (bitmaps
    /// 0x00, 0x20, ... following the "next range supported" bit) and which ECU answers each; then every
    /// <see cref="Poll"/> asks each due item of the template (a PID with a physical request to its ECU,
    /// the VIN, the trouble codes) and delivers the readings to the sink. An item that fails is retried after
    /// its interval, then after doubling waits (2x, 4x, ... capped at <see cref="MaxBackoffMilliseconds"/>)
    /// while it keeps failing; one success restores the normal interval. Schedules run on the clock's
    /// monotonic time, readings carry its Unix time.
    /// </summary>
    public sealed class ObdPoller
    {
        private const int PidCount = 256;

        private readonly IsoTpClient _client;
        private readonly IClock _clock;
        private readonly PollTemplate _template;
        private readonly IObdReadingSink _sink;
        private readonly VinReader _vinReader;
        private readonly DtcReader _dtcReader;
        private readonly int[] _ecuOfPid = new int[PidCount];
        private readonly long[] _nextAt;
        private readonly int[] _failures;
        private readonly int[] _failureCounts = new int[4];
        private readonly byte[] _request = new byte[2];
        private readonly byte[] _echo = new byte[1];
        private long _nextDiscoveryAt;
        private int _discoveryFailures;

        public ObdPoller(IsoTpClient client, IClock clock, PollTemplate template, IObdReadingSink sink)
        {
            _client = client;
            _clock = clock;
            _template = template;
            _sink = sink;
            _vinReader = new VinReader(client);
            _dtcReader = new DtcReader(client);
            _nextAt = new long[template.Count];
            _failures = new int[template.Count];
            long now = clock.MonotonicMilliseconds;
            for (int i = 0; i < template.Count; i++)
            {
                _nextAt[i] = now;
            }
            _nextDiscoveryAt = now;
            ClearSupport();
        }

        /// <summary>The longest wait between attempts of a failing item.</summary>
        public int MaxBackoffMilliseconds = 600000;

        /// <summary>The base retry interval of items polled once (the VIN) and of discovery.</summary>
        public int RetryMilliseconds = 30000;

        public bool IsDiscovered { get; private set; }

        public VinReader VinReader
        {
            get { return _vinReader; }
        }

        public DtcReader DtcReader
        {
            get { return _dtcReader; }
        }

        /// <summary>The last VIN read, or null.</summary>
        public string VinNumber { get; private set; }

        public bool IsSupported(int pid)
        {
            return pid >= 0 && pid < PidCount && _ecuOfPid[pid] >= 0;
        }

        /// <summary>The ECU (index for 11-bit ids, address for 29-bit) that answers a PID, or -1.</summary>
        public int EcuOf(int pid)
        {
            return pid >= 0 && pid < PidCount ? _ecuOfPid[pid] : -1;
        }

        public int FailureCount(ObdFailure reason)
        {
            return _failureCounts[(int)reason];
        }

        /// <summary>Consecutive failures of template item <paramref name="index"/>.</summary>
        public int ConsecutiveFailures(int index)
        {
            return _failures[index];
        }

        /// <summary>When template item <paramref name="index"/> is asked next (monotonic ms; long.MaxValue = never again).</summary>
        public long NextAttemptAt(int index)
        {
            return _nextAt[index];
        }

        /// <summary>When the next item is due (monotonic ms), for a caller that sleeps between polls.</summary>
        public long NextDueAt
        {
            get
            {
                if (!IsDiscovered)
                {
                    return _nextDiscoveryAt;
                }
                long next = long.MaxValue;
                for (int i = 0; i < _nextAt.Length; i++)
                {
                    if (IsPollable(_template.Item(i)) && _nextAt[i] < next)
                    {
                        next = _nextAt[i];
                    }
                }
                return next;
            }
        }

        /// <summary>
        /// Forgets what was learnt and makes everything due now: for the dongle loop to call when the car wakes
        /// (ignition on), so items that backed off while it slept do not wait out their back-off.
        /// </summary>
        public void Restart()
        {
            ClearSupport();
            long now = _clock.MonotonicMilliseconds;
            _nextDiscoveryAt = now;
            _discoveryFailures = 0;
            for (int i = 0; i < _nextAt.Length; i++)
            {
                _nextAt[i] = now;
                _failures[i] = 0;
            }
        }

        /// <summary>Asks every ECU for its supported-PID bitmaps; false when none answered.</summary>
        public bool Discover()
        {
            ClearSupport();
            for (int range = 0; range <= 0xE0; range += 0x20)
            {
                _request[0] = 0x01;
                _request[1] = (byte)range;
                _echo[0] = (byte)range;
                IsoTpResponses responses = _client.RequestFunctional(_request, 0, 2);
                bool nextRangeSupported = false;
                bool answered = false;
                for (int i = 0; i < responses.Count; i++)
                {
                    byte[] data = responses.Data(i);
                    if (!DiagnosticAnswer.IsPositive(data, responses.Length(i), 0x01, _echo, 1) || responses.Length(i) < 6)
                    {
                        continue;
                    }
                    answered = true;
                    int ecu = _client.Addressing.EcuOfResponseId(responses.SourceId(i));
                    for (int bit = 0; bit < 32; bit++)
                    {
                        if ((data[2 + bit / 8] & (0x80 >> (bit % 8))) == 0)
                        {
                            continue;
                        }
                        int pid = range + 1 + bit;
                        if (pid < PidCount && (_ecuOfPid[pid] < 0 || ecu < _ecuOfPid[pid]))
                        {
                            _ecuOfPid[pid] = ecu;
                        }
                        if (bit == 31)
                        {
                            nextRangeSupported = true;
                        }
                    }
                }
                if (range == 0 && !answered)
                {
                    return false;
                }
                if (!nextRangeSupported)
                {
                    break;
                }
            }
            IsDiscovered = true;
            return true;
        }

        /// <summary>Asks every item that is due (discovering first if needed); returns the readings delivered.</summary>
        public int Poll()
        {
            long now = _clock.MonotonicMilliseconds;
            if (!IsDiscovered)
            {
                if (now < _nextDiscoveryAt)
                {
                    return 0;
                }
                if (!Discover())
                {
                    _discoveryFailures++;
                    _failureCounts[(int)ObdFailure.NoAnswer]++;
                    _nextDiscoveryAt = _clock.MonotonicMilliseconds + Backoff(RetryMilliseconds, _discoveryFailures);
                    return 0;
                }
                _discoveryFailures = 0;
            }
            int readings = 0;
            for (int i = 0; i < _template.Count; i++)
            {
                PollItem item = _template.Item(i);
                if (!IsPollable(item) || _clock.MonotonicMilliseconds < _nextAt[i])
                {
                    continue;
                }
                int delivered = Ask(item);
                long after = _clock.MonotonicMilliseconds;
                if (delivered >= 0)
                {
                    readings += delivered;
                    _failures[i] = 0;
                    _nextAt[i] = item.IntervalMilliseconds == 0 ? long.MaxValue : NextSlot(_nextAt[i], item.IntervalMilliseconds, after);
                }
                else
                {
                    _failures[i]++;
                    int interval = item.IntervalMilliseconds == 0 ? RetryMilliseconds : item.IntervalMilliseconds;
                    _nextAt[i] = after + Backoff(interval, _failures[i]);
                }
            }
            return readings;
        }

        /// <summary>
        /// The wait after the n-th consecutive failure: the interval itself after the first, then doubling,
        /// never more than <see cref="MaxBackoffMilliseconds"/> (nor less than the interval).
        /// </summary>
        public long Backoff(int interval, int failures)
        {
            long wait = interval;
            for (int n = 1; n < failures && wait < MaxBackoffMilliseconds; n++)
            {
                wait *= 2;
            }
            if (wait > MaxBackoffMilliseconds)
            {
                wait = MaxBackoffMilliseconds;
            }
            return wait < interval ? interval : wait;
        }

        private bool IsPollable(PollItem item)
        {
            return item.Kind != PollItemKind.Pid || IsSupported(item.Pid);
        }

        /// <summary>The readings delivered, or -1 on failure.</summary>
        private int Ask(PollItem item)
        {
            switch (item.Kind)
            {
                case PollItemKind.Vin:
                    return ReadVin();
                case PollItemKind.Dtcs:
                    return ReadDtcs();
                default:
                    return ReadPid(item.Pid);
            }
        }

        private int ReadPid(int pid)
        {
            _request[0] = 0x01;
            _request[1] = (byte)pid;
            _echo[0] = (byte)pid;
            IsoTpResponses responses = _client.RequestPhysical(_ecuOfPid[pid], _request, 0, 2);
            int index = DiagnosticAnswer.FindPositive(responses, 0x01, _echo, 1);
            if (index < 0)
            {
                return Fail(responses, 0x01);
            }
            PidDefinition definition = PidTable.Find(pid);
            if (responses.Length(index) < 2 + definition.DataLength)
            {
                return Fail(ObdFailure.BadAnswer);
            }
            long time = _clock.UnixMilliseconds;
            byte[] data = responses.Data(index);
            int delivered = 0;
            for (int v = 0; v < definition.Values.Length; v++)
            {
                PidValue value = definition.Values[v];
                if (value.SignalId != 0)
                {
                    _sink.OnNumber(value.SignalId, time, value.Decode(data, 2));
                    delivered++;
                }
            }
            return delivered;
        }

        private int ReadVin()
        {
            string vin = _vinReader.Read();
            if (vin == null)
            {
                return Fail(_vinReader.Validity == VinValidity.WrongLength ? ObdFailure.NoAnswer : ObdFailure.BadAnswer);
            }
            VinNumber = vin;
            _sink.OnText(Signals.SignalCatalog.IdOf("vin"), _clock.UnixMilliseconds, vin);
            return 1;
        }

        private int ReadDtcs()
        {
            string codes = _dtcReader.Read();
            if (codes == null)
            {
                return Fail(ObdFailure.NoAnswer);
            }
            _sink.OnText(Signals.SignalCatalog.IdOf("obdDTCList"), _clock.UnixMilliseconds, codes);
            return 1;
        }

        private int Fail(IsoTpResponses responses, int service)
        {
            if (responses.ErrorCount > 0)
            {
                return Fail(ObdFailure.TransferError);
            }
            return Fail(DiagnosticAnswer.AnyNegative(responses, service) ? ObdFailure.NegativeAnswer : ObdFailure.NoAnswer);
        }

        private int Fail(ObdFailure reason)
        {
            _failureCounts[(int)reason]++;
            return -1;
        }

        /// <summary>Keeps the cadence of the previous slot, unless the poll fell behind by a whole interval.</summary>
        private static long NextSlot(long previous, int interval, long now)
        {
            long next = previous + interval;
            return next > now ? next : now + interval;
        }

        private void ClearSupport()
        {
            IsDiscovered = false;
            for (int i = 0; i < PidCount; i++)
            {
                _ecuOfPid[i] = -1;
            }
        }
    }
}
