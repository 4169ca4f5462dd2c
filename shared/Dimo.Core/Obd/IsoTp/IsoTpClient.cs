using Dimo.Core.Can;
using Dimo.Core.Time;

namespace Dimo.Core.Obd.IsoTp
{
    /// <summary>
    /// The tester side of ISO 15765-2 over one CAN bus: sends a request (single frame, or first +
    /// consecutive frames under the ECU's flow control) and gathers the answers of every ECU that responds,
    /// sending our flow control to each ECU's physical id. A functional request listens for the whole P2
    /// window, since any number of ECUs may answer; a physical request ends with the addressed ECU's answer.
    /// Transfers keep going past P2 as long as their frames keep coming within N_Cr. Time comes from the
    /// clock and waiting happens only inside <see cref="ICanBus.Receive"/>, so a simulated bus can run it on
    /// virtual time.
    /// </summary>
    public sealed class IsoTpClient
    {
        /// <summary>ECUs answering one request that we track at once (ISO 15765-4 allows eight).</summary>
        public const int MaxSessions = 8;

        /// <summary>Stale frames read (and dropped) before a request, bounded so a busy bus cannot stall us.</summary>
        private const int MaxStaleFrames = 32;

        private const byte NegativeResponse = 0x7F;
        private const byte ResponsePending = 0x78;

        private readonly ICanBus _bus;
        private readonly IClock _clock;
        private readonly IsoTpAddressing _addressing;
        private readonly IsoTpSettings _settings;
        private readonly IsoTpTransmission _transmission;
        private readonly IsoTpReception[] _sessions = new IsoTpReception[MaxSessions];
        private readonly uint[] _sessionSources = new uint[MaxSessions];
        private readonly bool[] _sessionUsed = new bool[MaxSessions];
        private readonly IsoTpResponses _responses = new IsoTpResponses(MaxSessions);
        private readonly int[] _errorCounts = new int[16];
        private readonly CanFrame _received = new CanFrame();
        private readonly CanFrame _sending = new CanFrame();

        public IsoTpClient(ICanBus bus, IClock clock, IsoTpAddressing addressing, IsoTpSettings settings)
        {
            _bus = bus;
            _clock = clock;
            _addressing = addressing;
            _settings = settings;
            _transmission = new IsoTpTransmission(settings);
            for (int i = 0; i < MaxSessions; i++)
            {
                _sessions[i] = new IsoTpReception(settings);
            }
        }

        public IsoTpAddressing Addressing
        {
            get { return _addressing; }
        }

        public IsoTpSettings Settings
        {
            get { return _settings; }
        }

        /// <summary>Gets frames that arrive during an exchange but are not part of it (e.g. for a CAN decoder); may be null.</summary>
        public CanFrameHandler OtherFrames;

        /// <summary>Failed transfers so far with this reason.</summary>
        public int ErrorCount(IsoTpError error)
        {
            return _errorCounts[(int)error];
        }

        /// <summary>Broadcasts a single-frame request to every ECU and gathers all answers within P2.</summary>
        public IsoTpResponses RequestFunctional(byte[] request, int offset, int count)
        {
            if (count > IsoTpFrames.SingleFrameCapacity)
            {
                throw new System.ArgumentOutOfRangeException("count", "functional requests must fit one single frame");
            }
            return Exchange(_addressing.FunctionalRequestId, 0, false, request, offset, count);
        }

        /// <summary>Sends a request of any length to one ECU (index for 11-bit ids, address for 29-bit) and waits for its answer.</summary>
        public IsoTpResponses RequestPhysical(int ecu, byte[] request, int offset, int count)
        {
            return Exchange(_addressing.PhysicalRequestIdOf(ecu), _addressing.ResponseIdOf(ecu), true, request, offset, count);
        }

        private IsoTpResponses Exchange(uint targetId, uint peerResponseId, bool physical, byte[] request, int offset, int count)
        {
            _responses.Clear();
            for (int i = 0; i < MaxSessions; i++)
            {
                _sessionUsed[i] = false;
                _sessions[i].Reset();
            }
            DropStaleFrames();
            if (!Send(targetId, peerResponseId, request, offset, count))
            {
                return _responses;
            }
            long deadline = _clock.MonotonicMilliseconds + _settings.ResponseTimeoutMilliseconds;
            while (true)
            {
                long now = _clock.MonotonicMilliseconds;
                ExpireSessions(now);
                if (physical && _responses.Count + _responses.ErrorCount > 0 && !AnySessionInProgress())
                {
                    break;
                }
                long wakeAt = now < deadline ? deadline : long.MaxValue;
                long sessionDeadline = EarliestSessionDeadline();
                if (sessionDeadline < wakeAt)
                {
                    wakeAt = sessionDeadline;
                }
                if (wakeAt == long.MaxValue)
                {
                    break;
                }
                if (!_bus.Receive(_received, (int)(wakeAt - now)))
                {
                    continue;
                }
                if (OnResponseFrame(_clock.MonotonicMilliseconds))
                {
                    deadline = _clock.MonotonicMilliseconds + _settings.ResponsePendingTimeoutMilliseconds;
                }
            }
            return _responses;
        }

        private void DropStaleFrames()
        {
            for (int i = 0; i < MaxStaleFrames && _bus.Receive(_received, 0); i++)
            {
                PassOn(_received);
            }
        }

        private bool Send(uint targetId, uint peerResponseId, byte[] request, int offset, int count)
        {
            _transmission.Start(targetId, _addressing.IsExtended, request, offset, count, _clock.MonotonicMilliseconds);
            while (true)
            {
                long now = _clock.MonotonicMilliseconds;
                _transmission.CheckTimeout(now);
                IsoTpTransmitState state = _transmission.State;
                if (state == IsoTpTransmitState.Done)
                {
                    return true;
                }
                if (state == IsoTpTransmitState.Failed)
                {
                    RecordError(peerResponseId, _transmission.Error);
                    return false;
                }
                long wakeAt = _transmission.FlowControlDeadline;
                if (state == IsoTpTransmitState.ReadyToSend)
                {
                    if (now >= _transmission.NextSendAt)
                    {
                        _transmission.WriteNextFrame(_sending, now);
                        if (!_bus.Send(_sending))
                        {
                            _transmission.Fail(IsoTpError.SendFailed);
                        }
                        continue;
                    }
                    wakeAt = _transmission.NextSendAt;
                }
                if (!_bus.Receive(_received, (int)(wakeAt - now)))
                {
                    continue;
                }
                if (_received.Id == peerResponseId && _received.IsExtended == _addressing.IsExtended)
                {
                    _transmission.OnFlowControl(_received, _clock.MonotonicMilliseconds);
                }
                else
                {
                    PassOn(_received);
                }
            }
        }

        /// <summary>Handles one received frame; true when it was a "response pending" answer that extends the wait.</summary>
        private bool OnResponseFrame(long now)
        {
            CanFrame frame = _received;
            if (!_addressing.IsResponseId(frame.Id, frame.IsExtended))
            {
                PassOn(frame);
                return false;
            }
            IsoTpFrameType type = frame.Length > 0 ? IsoTpFrames.TypeOf(frame) : IsoTpFrameType.FlowControl;
            int slot = SessionFor(frame.Id, type == IsoTpFrameType.Single || type == IsoTpFrameType.First);
            if (slot < 0)
            {
                return false;
            }
            IsoTpReception session = _sessions[slot];
            IsoTpReceiveStatus status = session.Accept(frame, now);
            if (session.NeedsFlowControl)
            {
                session.WriteFlowControl(_sending, _addressing.PhysicalRequestIdFor(frame.Id), _addressing.IsExtended);
                if (!_bus.Send(_sending))
                {
                    session.Reset();
                    RecordError(frame.Id, IsoTpError.SendFailed);
                    _sessionUsed[slot] = false;
                    return false;
                }
            }
            if (status == IsoTpReceiveStatus.Failed)
            {
                RecordError(frame.Id, session.Error);
                _sessionUsed[slot] = false;
                return false;
            }
            if (status != IsoTpReceiveStatus.Complete)
            {
                return false;
            }
            if (session.Length >= 3 && session.Buffer[0] == NegativeResponse && session.Buffer[2] == ResponsePending)
            {
                _sessionUsed[slot] = false;
                return true;
            }
            _responses.AddMessage(frame.Id, session);
            return false;
        }

        /// <summary>The session for a sender: its open transfer, else (for a frame that starts one) a free slot.</summary>
        private int SessionFor(uint sourceId, bool startsTransfer)
        {
            int free = -1;
            for (int i = 0; i < MaxSessions; i++)
            {
                if (_sessionUsed[i] && _sessionSources[i] == sourceId && _sessions[i].InProgress)
                {
                    return i;
                }
                if (free < 0 && !_sessionUsed[i])
                {
                    free = i;
                }
            }
            if (!startsTransfer || free < 0)
            {
                return -1;
            }
            _sessionUsed[free] = true;
            _sessionSources[free] = sourceId;
            return free;
        }

        private void ExpireSessions(long now)
        {
            for (int i = 0; i < MaxSessions; i++)
            {
                if (_sessionUsed[i] && _sessions[i].CheckTimeout(now))
                {
                    RecordError(_sessionSources[i], _sessions[i].Error);
                    _sessionUsed[i] = false;
                }
            }
        }

        private bool AnySessionInProgress()
        {
            for (int i = 0; i < MaxSessions; i++)
            {
                if (_sessionUsed[i] && _sessions[i].InProgress)
                {
                    return true;
                }
            }
            return false;
        }

        private long EarliestSessionDeadline()
        {
            long earliest = long.MaxValue;
            for (int i = 0; i < MaxSessions; i++)
            {
                if (_sessionUsed[i] && _sessions[i].InProgress && _sessions[i].Deadline < earliest)
                {
                    earliest = _sessions[i].Deadline;
                }
            }
            return earliest;
        }

        private void RecordError(uint sourceId, IsoTpError error)
        {
            _errorCounts[(int)error]++;
            _responses.AddError(sourceId, error);
        }

        private void PassOn(CanFrame frame)
        {
            CanFrameHandler handler = OtherFrames;
            if (handler != null)
            {
                handler(frame);
            }
        }
    }
}
