namespace Dimo.Core.Obd.IsoTp
{
    /// <summary>
    /// The receiving side of one ISO-TP transfer from one sender: reassembles single or first +
    /// consecutive frames, checks sequence numbers, asks for flow control after the first frame and after
    /// each block, and watches N_Cr. It sends nothing itself: when <see cref="NeedsFlowControl"/> is set
    /// after <see cref="Accept"/>, the owner writes the frame with <see cref="WriteFlowControl"/> and sends it.
    /// The tester and the simulated ECUs both use it.
    /// </summary>
    public sealed class IsoTpReception
    {
        private readonly IsoTpSettings _settings;
        private byte[] _buffer = new byte[IsoTpFrames.SingleFrameCapacity];
        private int _expected;
        private int _received;
        private int _nextSequence;
        private int _framesInBlock;
        private bool _inProgress;
        private long _deadline;
        private FlowStatus _flowStatus;

        public IsoTpReception(IsoTpSettings settings)
        {
            _settings = settings;
        }

        /// <summary>The reassembled message; valid after <see cref="IsoTpReceiveStatus.Complete"/> until the next frame.</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        public int Length
        {
            get { return _expected; }
        }

        public bool InProgress
        {
            get { return _inProgress; }
        }

        /// <summary>When the next consecutive frame is overdue (monotonic ms); meaningful while <see cref="InProgress"/>.</summary>
        public long Deadline
        {
            get { return _deadline; }
        }

        public bool NeedsFlowControl { get; private set; }

        public IsoTpError Error { get; private set; }

        public void Reset()
        {
            _inProgress = false;
            _expected = 0;
            NeedsFlowControl = false;
            Error = IsoTpError.None;
        }

        public IsoTpReceiveStatus Accept(Can.CanFrame frame, long now)
        {
            NeedsFlowControl = false;
            if (frame.Length < 1)
            {
                return Fail(IsoTpError.InvalidFrame);
            }
            switch (IsoTpFrames.TypeOf(frame))
            {
                case IsoTpFrameType.Single:
                    return AcceptSingle(frame);
                case IsoTpFrameType.First:
                    return AcceptFirst(frame, now);
                case IsoTpFrameType.Consecutive:
                    return _inProgress ? AcceptConsecutive(frame, now) : IsoTpReceiveStatus.Ignored;
                case IsoTpFrameType.FlowControl:
                    return IsoTpReceiveStatus.Ignored;
                default:
                    return Fail(IsoTpError.InvalidFrame);
            }
        }

        /// <summary>Fails the transfer with N_Cr when its next consecutive frame is overdue.</summary>
        public bool CheckTimeout(long now)
        {
            if (_inProgress && now >= _deadline)
            {
                Fail(IsoTpError.ConsecutiveFrameTimeout);
                return true;
            }
            return false;
        }

        public void WriteFlowControl(Can.CanFrame frame, uint id, bool isExtended)
        {
            IsoTpFrames.WriteFlowControl(frame, id, isExtended, _flowStatus, _settings.BlockSize, _settings.SeparationTimeCode, _settings.PaddingByte);
        }

        private IsoTpReceiveStatus AcceptSingle(Can.CanFrame frame)
        {
            int length = frame.Data[0] & 0x0F;
            if (length == 0 || length > frame.Length - 1)
            {
                return Fail(IsoTpError.InvalidFrame);
            }
            Ensure(length);
            System.Array.Copy(frame.Data, 1, _buffer, 0, length);
            _expected = length;
            _inProgress = false;
            Error = IsoTpError.None;
            return IsoTpReceiveStatus.Complete;
        }

        private IsoTpReceiveStatus AcceptFirst(Can.CanFrame frame, long now)
        {
            if (frame.Length < 8)
            {
                return Fail(IsoTpError.InvalidFrame);
            }
            int length = ((frame.Data[0] & 0x0F) << 8) | frame.Data[1];
            if (length <= IsoTpFrames.SingleFrameCapacity)
            {
                return Fail(IsoTpError.InvalidFrame);
            }
            if (length > _settings.MaxMessageLength)
            {
                _flowStatus = FlowStatus.Overflow;
                NeedsFlowControl = true;
                return Fail(IsoTpError.MessageTooLong);
            }
            Ensure(length);
            System.Array.Copy(frame.Data, 2, _buffer, 0, IsoTpFrames.FirstFrameCapacity);
            _expected = length;
            _received = IsoTpFrames.FirstFrameCapacity;
            _nextSequence = 1;
            _framesInBlock = 0;
            _inProgress = true;
            _deadline = now + _settings.ConsecutiveFrameTimeoutMilliseconds;
            _flowStatus = FlowStatus.ContinueToSend;
            NeedsFlowControl = true;
            Error = IsoTpError.None;
            return IsoTpReceiveStatus.InProgress;
        }

        private IsoTpReceiveStatus AcceptConsecutive(Can.CanFrame frame, long now)
        {
            if ((frame.Data[0] & 0x0F) != _nextSequence)
            {
                return Fail(IsoTpError.WrongSequenceNumber);
            }
            int count = _expected - _received;
            if (count > IsoTpFrames.ConsecutiveFrameCapacity)
            {
                count = IsoTpFrames.ConsecutiveFrameCapacity;
            }
            if (frame.Length - 1 < count)
            {
                return Fail(IsoTpError.InvalidFrame);
            }
            System.Array.Copy(frame.Data, 1, _buffer, _received, count);
            _received += count;
            _nextSequence = (_nextSequence + 1) & 0x0F;
            if (_received == _expected)
            {
                _inProgress = false;
                return IsoTpReceiveStatus.Complete;
            }
            _deadline = now + _settings.ConsecutiveFrameTimeoutMilliseconds;
            _framesInBlock++;
            if (_settings.BlockSize > 0 && _framesInBlock == _settings.BlockSize)
            {
                _framesInBlock = 0;
                _flowStatus = FlowStatus.ContinueToSend;
                NeedsFlowControl = true;
            }
            return IsoTpReceiveStatus.InProgress;
        }

        private void Ensure(int length)
        {
            if (_buffer.Length < length)
            {
                _buffer = new byte[length];
            }
        }

        private IsoTpReceiveStatus Fail(IsoTpError error)
        {
            _inProgress = false;
            Error = error;
            return IsoTpReceiveStatus.Failed;
        }
    }
}
