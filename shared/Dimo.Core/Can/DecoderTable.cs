using System.Text;
using Dimo.Core.Checksums;

namespace Dimo.Core.Can
{
    /// <summary>
    /// A compiled decoder table loaded from its bytes (layout in <see cref="DecoderTableFormat"/>). Loading
    /// checks magic, version, checksum and every record, so decoding can trust it; after loading nothing
    /// here allocates.
    /// </summary>
    public sealed class DecoderTable
    {
        private readonly uint[] _messageKeys;
        private readonly int[] _messageLengths;
        private readonly int[] _firstSignal;
        private readonly int[] _signalCounts;
        private readonly int[] _multiplexer;

        private readonly int[] _signalMessage;
        private readonly int[] _startBits;
        private readonly int[] _firstPositions;
        private readonly int[] _bitLengths;
        private readonly byte[] _signalFlags;
        private readonly int[] _catalogIds;
        private readonly int[] _multiplexValues;
        private readonly double[] _factors;
        private readonly double[] _offsets;

        private string[] _messageNames;
        private string[] _signalNames;
        private uint[] _filterWords;
        private int _maxSignalsPerMessage;

        private DecoderTable(int messageCount, int signalCount)
        {
            _messageKeys = new uint[messageCount];
            _messageLengths = new int[messageCount];
            _firstSignal = new int[messageCount];
            _signalCounts = new int[messageCount];
            _multiplexer = new int[messageCount];
            _signalMessage = new int[signalCount];
            _startBits = new int[signalCount];
            _firstPositions = new int[signalCount];
            _bitLengths = new int[signalCount];
            _signalFlags = new byte[signalCount];
            _catalogIds = new int[signalCount];
            _multiplexValues = new int[signalCount];
            _factors = new double[signalCount];
            _offsets = new double[signalCount];
        }

        public static DecoderTable Load(byte[] bytes)
        {
            if (bytes == null || bytes.Length < DecoderTableFormat.HeaderSize + DecoderTableFormat.ChecksumSize)
            {
                throw new DecoderTableException("too short for a header");
            }
            if (bytes[0] != DecoderTableFormat.Magic0 || bytes[1] != DecoderTableFormat.Magic1
                || bytes[2] != DecoderTableFormat.Magic2 || bytes[3] != DecoderTableFormat.Magic3)
            {
                throw new DecoderTableException("not a decoder table (bad magic)");
            }
            if (bytes[4] != DecoderTableFormat.Version)
            {
                throw new DecoderTableException("unsupported version " + bytes[4].ToString());
            }
            int bodyEnd = bytes.Length - DecoderTableFormat.ChecksumSize;
            uint expected = ReadUInt32(bytes, bodyEnd);
            if (Crc32.Compute(bytes, 0, bodyEnd) != expected)
            {
                throw new DecoderTableException("checksum mismatch");
            }

            byte flags = bytes[5];
            int messageCount = ReadUInt16(bytes, 6);
            int signalCount = ReadUInt16(bytes, 8);
            int pos = DecoderTableFormat.HeaderSize;
            uint[] filterWords = null;
            if ((flags & DecoderTableFormat.FlagFilters) != 0)
            {
                Require(bytes, pos, DecoderTableFormat.FilterBlockSize, bodyEnd, "filter block");
                filterWords = new uint[8];
                for (int i = 0; i < 8; i++)
                {
                    filterWords[i] = ReadUInt32(bytes, pos + 4 * i);
                }
                pos += DecoderTableFormat.FilterBlockSize;
            }

            DecoderTable table = new DecoderTable(messageCount, signalCount);
            Require(bytes, pos, messageCount * DecoderTableFormat.MessageRecordSize, bodyEnd, "message records");
            int assigned = 0;
            int maxSignals = 0;
            for (int m = 0; m < messageCount; m++)
            {
                int at = pos + m * DecoderTableFormat.MessageRecordSize;
                uint key = ReadUInt32(bytes, at);
                if (m > 0 && key <= table._messageKeys[m - 1])
                {
                    throw new DecoderTableException("message keys not strictly ascending at message " + m.ToString());
                }
                bool extended = (key & DecoderTableFormat.ExtendedFlag) != 0;
                if ((extended && (key & ~DecoderTableFormat.ExtendedFlag) > DecoderTableFormat.ExtendedIdMask) || (!extended && key > 0x7FF))
                {
                    throw new DecoderTableException("message " + m.ToString() + " has an invalid id");
                }
                table._messageKeys[m] = key;
                table._messageLengths[m] = bytes[at + 4];
                if (table._messageLengths[m] > CanFrame.MaxLength)
                {
                    throw new DecoderTableException("message " + m.ToString() + " is longer than 64 bytes");
                }
                int count = ReadUInt16(bytes, at + 6);
                table._firstSignal[m] = assigned;
                table._signalCounts[m] = count;
                table._multiplexer[m] = bytes[at + 5] == DecoderTableFormat.NoMultiplexer ? -1 : assigned + bytes[at + 5];
                if (bytes[at + 5] != DecoderTableFormat.NoMultiplexer && bytes[at + 5] >= count)
                {
                    throw new DecoderTableException("message " + m.ToString() + " names a multiplexer outside its signals");
                }
                assigned += count;
                if (count > maxSignals)
                {
                    maxSignals = count;
                }
            }
            if (assigned != signalCount)
            {
                throw new DecoderTableException("message records claim " + assigned.ToString() + " signals, header says " + signalCount.ToString());
            }
            pos += messageCount * DecoderTableFormat.MessageRecordSize;

            Require(bytes, pos, signalCount * DecoderTableFormat.SignalRecordSize, bodyEnd, "signal records");
            for (int m = 0; m < messageCount; m++)
            {
                for (int s = table._firstSignal[m]; s < table._firstSignal[m] + table._signalCounts[m]; s++)
                {
                    table.ReadSignal(bytes, pos + s * DecoderTableFormat.SignalRecordSize, s, m);
                }
                int mux = table._multiplexer[m];
                if (mux >= 0 && (table._signalFlags[mux] & DecoderTableFormat.SignalMultiplexer) == 0)
                {
                    throw new DecoderTableException("message " + m.ToString() + " names a multiplexer that is not flagged as one");
                }
            }
            pos += signalCount * DecoderTableFormat.SignalRecordSize;

            string[] messageNames = null;
            string[] signalNames = null;
            if ((flags & DecoderTableFormat.FlagNames) != 0)
            {
                messageNames = new string[messageCount];
                signalNames = new string[signalCount];
                pos = ReadNames(bytes, pos, bodyEnd, messageNames);
                pos = ReadNames(bytes, pos, bodyEnd, signalNames);
            }
            if (pos != bodyEnd)
            {
                throw new DecoderTableException("unexpected bytes after the last section");
            }
            table._messageNames = messageNames;
            table._signalNames = signalNames;
            table._filterWords = filterWords;
            table._maxSignalsPerMessage = maxSignals;
            return table;
        }

        public int MessageCount
        {
            get { return _messageKeys.Length; }
        }

        public int SignalCount
        {
            get { return _signalMessage.Length; }
        }

        /// <summary>The most signals any one message has: a <see cref="DecodeResult"/> this large always suffices.</summary>
        public int MaxSignalsPerMessage
        {
            get { return _maxSignalsPerMessage; }
        }

        public bool HasNames
        {
            get { return _messageNames != null; }
        }

        /// <summary>
        /// The MCP2515 acceptance setup: index 0-1 the masks of RXB0 and RXB1, 2-7 filters 0-5; bit 31 marks an
        /// extended (29-bit) filter. Null when the table carries none.
        /// </summary>
        public uint[] AcceptanceFilterWords
        {
            get { return _filterWords; }
        }

        /// <summary>The message with this id, or -1. An extended frame with an id that fits 11 bits falls back to a standard message.</summary>
        public int FindMessage(uint id, bool extended)
        {
            int m = FindKey(extended ? (id | DecoderTableFormat.ExtendedFlag) : id);
            if (m < 0 && extended && id <= 0x7FF)
            {
                m = FindKey(id);
            }
            return m;
        }

        public uint MessageId(int message)
        {
            return _messageKeys[message] & ~DecoderTableFormat.ExtendedFlag;
        }

        public bool MessageIsExtended(int message)
        {
            return (_messageKeys[message] & DecoderTableFormat.ExtendedFlag) != 0;
        }

        public int MessageLength(int message)
        {
            return _messageLengths[message];
        }

        public int MessageFirstSignal(int message)
        {
            return _firstSignal[message];
        }

        public int MessageSignalCount(int message)
        {
            return _signalCounts[message];
        }

        /// <summary>The message's multiplexer signal index, or -1.</summary>
        public int MessageMultiplexer(int message)
        {
            return _multiplexer[message];
        }

        public string MessageName(int message)
        {
            return _messageNames == null ? null : _messageNames[message];
        }

        public int SignalMessage(int signal)
        {
            return _signalMessage[signal];
        }

        public string SignalName(int signal)
        {
            return _signalNames == null ? null : _signalNames[signal];
        }

        /// <summary>Start bit as written in the DBC (least significant bit for Intel, most significant for Motorola).</summary>
        public int SignalStartBit(int signal)
        {
            return _startBits[signal];
        }

        /// <summary>Start position normalised for <see cref="CanBits"/>.</summary>
        public int SignalFirstPosition(int signal)
        {
            return _firstPositions[signal];
        }

        public int SignalBitLength(int signal)
        {
            return _bitLengths[signal];
        }

        public bool SignalIsBigEndian(int signal)
        {
            return (_signalFlags[signal] & DecoderTableFormat.SignalBigEndian) != 0;
        }

        public bool SignalIsSigned(int signal)
        {
            return (_signalFlags[signal] & DecoderTableFormat.SignalSigned) != 0;
        }

        public bool SignalIsMultiplexer(int signal)
        {
            return (_signalFlags[signal] & DecoderTableFormat.SignalMultiplexer) != 0;
        }

        public bool SignalIsMultiplexed(int signal)
        {
            return (_signalFlags[signal] & DecoderTableFormat.SignalMultiplexed) != 0;
        }

        public SignalValueType SignalValueType(int signal)
        {
            return (SignalValueType)((_signalFlags[signal] & DecoderTableFormat.SignalValueTypeMask) >> DecoderTableFormat.SignalValueTypeShift);
        }

        /// <summary>For a multiplexed signal, the multiplexer raw value that selects it.</summary>
        public int SignalMultiplexValue(int signal)
        {
            return _multiplexValues[signal];
        }

        /// <summary><see cref="Dimo.Core.Signals.SignalCatalog"/> id the signal feeds, or 0 for none.</summary>
        public int SignalCatalogId(int signal)
        {
            return _catalogIds[signal];
        }

        public double SignalFactor(int signal)
        {
            return _factors[signal];
        }

        public double SignalOffset(int signal)
        {
            return _offsets[signal];
        }

        private int FindKey(uint key)
        {
            int lo = 0;
            int hi = _messageKeys.Length - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                uint k = _messageKeys[mid];
                if (k == key)
                {
                    return mid;
                }
                if (k < key)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }
            return -1;
        }

        /// <summary>Names a signal in an error message; built only when one is thrown (a table has hundreds of signals).</summary>
        private static string Where(int s, int m)
        {
            return "signal " + s.ToString() + " of message " + m.ToString();
        }

        private void ReadSignal(byte[] bytes, int at, int s, int m)
        {
            int startBit = ReadUInt16(bytes, at);
            int length = bytes[at + 2];
            byte flags = bytes[at + 3];
            if (length < 1 || length > 64)
            {
                throw new DecoderTableException(Where(s, m) + " has bit length " + length.ToString());
            }
            bool bigEndian = (flags & DecoderTableFormat.SignalBigEndian) != 0;
            int first = CanBits.FirstPosition(startBit, bigEndian);
            if (CanBits.BytesNeeded(first, length) > _messageLengths[m])
            {
                throw new DecoderTableException(Where(s, m) + " does not fit in the message's " + _messageLengths[m].ToString() + " bytes");
            }
            int valueType = (flags & DecoderTableFormat.SignalValueTypeMask) >> DecoderTableFormat.SignalValueTypeShift;
            if (valueType > 2 || (valueType == 1 && length != 32) || (valueType == 2 && length != 64))
            {
                throw new DecoderTableException(Where(s, m) + " has an invalid value type");
            }
            _signalMessage[s] = m;
            _startBits[s] = startBit;
            _firstPositions[s] = first;
            _bitLengths[s] = length;
            _signalFlags[s] = flags;
            _catalogIds[s] = ReadUInt16(bytes, at + 4);
            _multiplexValues[s] = ReadUInt16(bytes, at + 6);
            _factors[s] = System.BitConverter.Int64BitsToDouble((long)ReadUInt64(bytes, at + 8));
            _offsets[s] = System.BitConverter.Int64BitsToDouble((long)ReadUInt64(bytes, at + 16));
        }

        private static int ReadNames(byte[] bytes, int pos, int end, string[] names)
        {
            for (int i = 0; i < names.Length; i++)
            {
                Require(bytes, pos, 1, end, "names");
                int length = bytes[pos];
                Require(bytes, pos + 1, length, end, "names");
                names[i] = Encoding.UTF8.GetString(bytes, pos + 1, length);
                pos += 1 + length;
            }
            return pos;
        }

        private static void Require(byte[] bytes, int pos, int count, int end, string section)
        {
            if (pos + count > end)
            {
                throw new DecoderTableException("truncated in the " + section);
            }
        }

        private static int ReadUInt16(byte[] b, int at)
        {
            return b[at] | (b[at + 1] << 8);
        }

        private static uint ReadUInt32(byte[] b, int at)
        {
            return (uint)(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) | ((uint)b[at + 3] << 24);
        }

        private static ulong ReadUInt64(byte[] b, int at)
        {
            return ReadUInt32(b, at) | ((ulong)ReadUInt32(b, at + 4) << 32);
        }
    }
}
