namespace Dimo.Core.Obd.IsoTp
{
    /// <summary>
    /// The sending side of one ISO-TP transfer as a state machine that never blocks: the owner asks for the
    /// next frame when <see cref="State"/> is ReadyToSend and the time has come, hands it flow-control
    /// frames from the receiver, and checks N_Bs. The tester drives it from a blocking loop over the bus;
    /// the simulated ECUs drive it from virtual-time events.
    /// </summary>
    public sealed class IsoTpTransmission
    {
        private readonly IsoTpSettings _settings;
        private byte[] _data;
        private int _offset;
        private int _length;
        private int _sent;
        private int _sequence;
        private int _blockSize;
        private int _framesInBlock;
        private int _separationMilliseconds;
        private int _waits;
        private uint _id;
        private bool _isExtended;

        public IsoTpTransmission(IsoTpSettings settings)
        {
            _settings = settings;
        }

        public IsoTpTransmitState State { get; private set; }

        public long NextSendAt { get; private set; }

        public long FlowControlDeadline { get; private set; }

        public IsoTpError Error { get; private set; }

        /// <summary>Consecutive frames written so far in this transfer.</summary>
        public int ConsecutiveFramesSent { get; private set; }

        /// <summary>Starts a transfer of the caller's bytes, which must stay unchanged until it is done.</summary>
        public void Start(uint id, bool isExtended, byte[] data, int offset, int length, long now)
        {
            if (length < 1 || length > IsoTpFrames.MaxMessageLength)
            {
                throw new System.ArgumentOutOfRangeException("length");
            }
            _id = id;
            _isExtended = isExtended;
            _data = data;
            _offset = offset;
            _length = length;
            _sent = 0;
            _sequence = 1;
            _waits = 0;
            ConsecutiveFramesSent = 0;
            Error = IsoTpError.None;
            State = IsoTpTransmitState.ReadyToSend;
            NextSendAt = now;
        }

        /// <summary>True when the whole message fits one single frame.</summary>
        public bool IsSingleFrame
        {
            get { return _length <= IsoTpFrames.SingleFrameCapacity; }
        }

        public void WriteNextFrame(Can.CanFrame frame, long now)
        {
            if (State != IsoTpTransmitState.ReadyToSend)
            {
                throw new System.InvalidOperationException("no frame is ready to send");
            }
            int padding = _settings.PaddingByte;
            if (_sent == 0 && IsSingleFrame)
            {
                IsoTpFrames.WriteSingle(frame, _id, _isExtended, _data, _offset, _length, padding);
                _sent = _length;
                State = IsoTpTransmitState.Done;
                return;
            }
            if (_sent == 0)
            {
                IsoTpFrames.WriteFirst(frame, _id, _isExtended, _data, _offset, _length, padding);
                _sent = IsoTpFrames.FirstFrameCapacity;
                AwaitFlowControl(now);
                return;
            }
            int count = _length - _sent;
            if (count > IsoTpFrames.ConsecutiveFrameCapacity)
            {
                count = IsoTpFrames.ConsecutiveFrameCapacity;
            }
            IsoTpFrames.WriteConsecutive(frame, _id, _isExtended, _sequence, _data, _offset + _sent, count, padding);
            _sent += count;
            _sequence = (_sequence + 1) & 0x0F;
            ConsecutiveFramesSent++;
            if (_sent == _length)
            {
                State = IsoTpTransmitState.Done;
                return;
            }
            _framesInBlock++;
            if (_blockSize > 0 && _framesInBlock == _blockSize)
            {
                AwaitFlowControl(now);
                return;
            }
            NextSendAt = now + _separationMilliseconds;
        }

        /// <summary>Takes a flow-control frame from the receiver; other frame types are ignored.</summary>
        public void OnFlowControl(Can.CanFrame frame, long now)
        {
            if (State != IsoTpTransmitState.WaitingForFlowControl || frame.Length < 1
                || IsoTpFrames.TypeOf(frame) != IsoTpFrameType.FlowControl)
            {
                return;
            }
            if (frame.Length < 3)
            {
                Fail(IsoTpError.InvalidFrame);
                return;
            }
            switch ((FlowStatus)(frame.Data[0] & 0x0F))
            {
                case FlowStatus.ContinueToSend:
                    _blockSize = frame.Data[1];
                    _separationMilliseconds = IsoTpFrames.SeparationTimeMilliseconds(frame.Data[2]);
                    _framesInBlock = 0;
                    _waits = 0;
                    State = IsoTpTransmitState.ReadyToSend;
                    NextSendAt = now;
                    return;
                case FlowStatus.Wait:
                    _waits++;
                    if (_waits > _settings.MaxWaitFrames)
                    {
                        Fail(IsoTpError.TooManyWaits);
                        return;
                    }
                    FlowControlDeadline = now + _settings.FlowControlTimeoutMilliseconds;
                    return;
                case FlowStatus.Overflow:
                    Fail(IsoTpError.ReceiverOverflow);
                    return;
                default:
                    Fail(IsoTpError.InvalidFrame);
                    return;
            }
        }

        /// <summary>Fails the transfer with N_Bs when the flow control is overdue.</summary>
        public bool CheckTimeout(long now)
        {
            if (State == IsoTpTransmitState.WaitingForFlowControl && now >= FlowControlDeadline)
            {
                Fail(IsoTpError.FlowControlTimeout);
                return true;
            }
            return false;
        }

        /// <summary>Marks the transfer failed for a reason found by the owner (e.g. the controller refused a frame).</summary>
        public void Fail(IsoTpError error)
        {
            Error = error;
            State = IsoTpTransmitState.Failed;
        }

        private void AwaitFlowControl(long now)
        {
            State = IsoTpTransmitState.WaitingForFlowControl;
            FlowControlDeadline = now + _settings.FlowControlTimeoutMilliseconds;
        }
    }
}
