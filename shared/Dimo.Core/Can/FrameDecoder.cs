namespace Dimo.Core.Can
{
    /// <summary>
    /// Decodes frames with a <see cref="DecoderTable"/> into a caller-owned <see cref="DecodeResult"/>;
    /// allocates nothing per frame. A multiplexed message yields its multiplexer, every signal that is not
    /// multiplexed, and the multiplexed signals whose multiplex value equals the multiplexer's raw value.
    /// </summary>
    public sealed class FrameDecoder
    {
        private readonly DecoderTable _table;

        public FrameDecoder(DecoderTable table)
        {
            _table = table;
        }

        public DecoderTable Table
        {
            get { return _table; }
        }

        /// <summary>A result buffer large enough for any message of this table.</summary>
        public DecodeResult CreateResult()
        {
            return new DecodeResult(_table.MaxSignalsPerMessage);
        }

        public DecodeOutcome Decode(CanFrame frame, DecodeResult result)
        {
            result.Count = 0;
            int message = _table.FindMessage(frame.Id, frame.IsExtended);
            result.MessageIndex = message;
            if (message < 0)
            {
                return DecodeOutcome.UnknownId;
            }
            if (frame.Length < _table.MessageLength(message))
            {
                return DecodeOutcome.TooShort;
            }
            byte[] data = frame.Data;
            int multiplexer = _table.MessageMultiplexer(message);
            long selector = multiplexer < 0 ? -1 : (long)ReadBits(data, multiplexer);
            int first = _table.MessageFirstSignal(message);
            int end = first + _table.MessageSignalCount(message);
            int count = 0;
            for (int s = first; s < end; s++)
            {
                if (_table.SignalIsMultiplexed(s) && _table.SignalMultiplexValue(s) != selector)
                {
                    continue;
                }
                ulong bits = ReadBits(data, s);
                long raw;
                double value;
                SignalValueType type = _table.SignalValueType(s);
                if (type == SignalValueType.Float32)
                {
                    raw = (long)bits;
                    value = SingleBitsToDouble((uint)bits) * _table.SignalFactor(s) + _table.SignalOffset(s);
                }
                else if (type == SignalValueType.Float64)
                {
                    raw = (long)bits;
                    value = System.BitConverter.Int64BitsToDouble(raw) * _table.SignalFactor(s) + _table.SignalOffset(s);
                }
                else if (_table.SignalIsSigned(s))
                {
                    raw = CanBits.SignExtend(bits, _table.SignalBitLength(s));
                    value = raw * _table.SignalFactor(s) + _table.SignalOffset(s);
                }
                else
                {
                    raw = (long)bits;
                    value = bits * _table.SignalFactor(s) + _table.SignalOffset(s);
                }
                result.SignalIndexes[count] = s;
                result.RawValues[count] = raw;
                result.Values[count] = value;
                count++;
            }
            result.Count = count;
            return DecodeOutcome.Decoded;
        }

        private ulong ReadBits(byte[] data, int signal)
        {
            return CanBits.Read(data, _table.SignalFirstPosition(signal), _table.SignalBitLength(signal), _table.SignalIsBigEndian(signal));
        }

        /// <summary>IEEE 754 binary32 bits to a double, without BitConverter's allocating byte[] path.</summary>
        private static double SingleBitsToDouble(uint bits)
        {
            int exponent = (int)((bits >> 23) & 0xFF);
            uint mantissa = bits & 0x7FFFFF;
            double sign = (bits & 0x80000000) != 0 ? -1.0 : 1.0;
            if (exponent == 0xFF)
            {
                return mantissa != 0 ? double.NaN : sign * double.PositiveInfinity;
            }
            if (exponent == 0)
            {
                return sign * mantissa * System.Math.Pow(2, -149);
            }
            return sign * (mantissa | 0x800000) * System.Math.Pow(2, exponent - 150);
        }
    }
}
