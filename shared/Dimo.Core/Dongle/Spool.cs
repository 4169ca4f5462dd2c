using System.Collections;
using Dimo.Core.Checksums;

namespace Dimo.Core.Dongle
{
    /// <summary>
    /// A power-safe store of sealed batches awaiting the broker's acknowledgement, plus the dongle's boot counter
    /// and batch sequence numbers. It is a log in a ring of flash sectors ("segments"): each segment starts with
    /// a header (magic, a segment number that grows by one per segment used, CRC) and holds records
    /// <c>A5 | type | length (u16 LE) | payload | CRC-32 of all before</c>: a state record (boot id, sequence
    /// limit), a batch (seq, wire bytes) or an acknowledgement (seq). Mounting replays the segments in number
    /// order; a record whose CRC fails (a write torn by a power cut) ends its segment's replay and is counted
    /// in <see cref="DiscardedRecords"/>, and appending continues in a fresh segment.
    /// <para>
    /// Sequence numbers are never reused: numbers are reserved <see cref="SequenceReserve"/> at a time by a
    /// state record written before any of them is handed out, and a reboot continues after the last
    /// reservation (skipping the unused rest of it). Every segment opens with a state record, so the newest
    /// state survives the ring's wrap.
    /// </para>
    /// <para>
    /// Bounded by the flash: when the ring is full, the oldest segment is erased to make room and the
    /// unacknowledged batches in it are dropped (newest data wins), counted in <see cref="DroppedBatches"/>.
    /// <see cref="SegmentsInUse"/> tells the loop how close that is, so it can thin low-priority signals first
    /// (shared/docs/spool-on-flash.md).
    /// </para>
    /// Not thread-safe.
    /// </summary>
    public sealed class Spool
    {
        /// <summary>Sequence numbers reserved per state record.</summary>
        public const uint SequenceReserve = 64;

        private const int HeaderLength = 12;
        private const int RecordOverhead = 8;
        private const byte RecordMarker = 0xA5;
        private const byte StateRecord = 1;
        private const byte BatchRecord = 2;
        private const byte AckRecord = 3;
        private const uint SegmentMagic = 0x4C505344; // "DSPL" little-endian

        private readonly IFlash _flash;
        private readonly int _segmentSize;
        private readonly int _segmentCount;
        private readonly uint[] _segmentNumbers;
        private readonly bool[] _segmentValid;
        private readonly ArrayList _pending = new ArrayList();
        private readonly byte[] _small = new byte[RecordOverhead + 8];
        private int _current;
        private int _writePosition;
        private uint _bootId;
        private uint _nextSeq;
        private uint _seqLimit;

        /// <summary>Mounts the spool on <paramref name="flash"/> (formatting it if it holds no segment) and counts a boot.</summary>
        public Spool(IFlash flash)
        {
            if (flash == null)
            {
                throw new System.ArgumentNullException("flash");
            }
            _flash = flash;
            _segmentSize = flash.SectorSize;
            _segmentCount = flash.Size / flash.SectorSize;
            if (_segmentCount < 2 || _segmentSize < 256 || _segmentSize > 0x10000)
            {
                // Two segments so the newest state survives erasing the next; u16 record lengths bound a segment.
                throw new System.ArgumentException("The spool needs at least two sectors of 256 bytes to 64 KiB.", "flash");
            }
            _segmentNumbers = new uint[_segmentCount];
            _segmentValid = new bool[_segmentCount];
            Mount();
        }

        /// <summary>This boot's id: the persisted boot counter, 1 on a fresh flash.</summary>
        public uint BootId
        {
            get { return _bootId; }
        }

        /// <summary>Batches written and not yet acknowledged.</summary>
        public int PendingCount
        {
            get { return _pending.Count; }
        }

        /// <summary>Unacknowledged batches erased to make room since mounting.</summary>
        public int DroppedBatches { get; private set; }

        /// <summary>Segments in the ring.</summary>
        public int SegmentCount
        {
            get { return _segmentCount; }
        }

        /// <summary>
        /// Segments from the one holding the oldest unacknowledged batch to the one being written, both included
        /// (1 when nothing is pending). At <see cref="SegmentCount"/> the next new segment drops batches.
        /// </summary>
        public int SegmentsInUse
        {
            get
            {
                if (_pending.Count == 0)
                {
                    return 1;
                }
                int oldest = ((SpoolEntry)_pending[0]).Segment;
                return (_current - oldest + _segmentCount) % _segmentCount + 1;
            }
        }

        /// <summary>Torn or corrupt records found while mounting.</summary>
        public int DiscardedRecords { get; private set; }

        /// <summary>The largest sealed batch a segment can hold.</summary>
        public int MaxWireLength
        {
            get { return _segmentSize - HeaderLength - 2 * RecordOverhead - 8 - 4; }
        }

        /// <summary>The sequence number of the index-th oldest pending batch.</summary>
        public uint PendingSeq(int index)
        {
            return ((SpoolEntry)_pending[index]).Seq;
        }

        /// <summary>The sealed bytes of the index-th oldest pending batch, read back from flash.</summary>
        public byte[] ReadPending(int index)
        {
            SpoolEntry entry = (SpoolEntry)_pending[index];
            byte[] wire = new byte[entry.WireLength];
            _flash.Read(entry.WireAddress, wire, 0, wire.Length);
            return wire;
        }

        /// <summary>The next sequence number, persisted as used before it is returned.</summary>
        public uint TakeSequence()
        {
            if (_nextSeq >= _seqLimit)
            {
                _seqLimit = _nextSeq + SequenceReserve;
                WriteState();
            }
            uint seq = _nextSeq;
            _nextSeq++;
            return seq;
        }

        /// <summary>Stores a sealed batch until <see cref="Acknowledge"/>; it is durable when this returns.</summary>
        public void Append(uint seq, byte[] wire)
        {
            if (wire == null)
            {
                throw new System.ArgumentNullException("wire");
            }
            if (wire.Length > MaxWireLength)
            {
                throw new System.ArgumentException(string.Concat("a batch of ", wire.Length.ToString(),
                    " bytes does not fit a spool segment"), "wire");
            }
            byte[] record = new byte[RecordOverhead + 4 + wire.Length];
            WriteUInt32(record, 4, seq);
            System.Array.Copy(wire, 0, record, 8, wire.Length);
            int address = AppendRecord(BatchRecord, record);
            _pending.Add(new SpoolEntry(seq, _current, address + 8, wire.Length));
        }

        /// <summary>Forgets an acknowledged batch (durably); false when it is not pending.</summary>
        public bool Acknowledge(uint seq)
        {
            int index = IndexOf(seq);
            if (index < 0)
            {
                return false;
            }
            WriteUInt32(_small, 4, seq);
            AppendRecord(AckRecord, _small, RecordOverhead + 4);
            _pending.RemoveAt(index);
            return true;
        }

        private void Mount()
        {
            byte[] header = new byte[HeaderLength];
            int newest = -1;
            for (int s = 0; s < _segmentCount; s++)
            {
                _flash.Read(s * _segmentSize, header, 0, HeaderLength);
                _segmentValid[s] = ReadUInt32(header, 0) == SegmentMagic
                    && ReadUInt32(header, 8) == Crc32.Compute(header, 0, 8);
                if (_segmentValid[s])
                {
                    _segmentNumbers[s] = ReadUInt32(header, 4);
                    if (newest < 0 || _segmentNumbers[s] > _segmentNumbers[newest])
                    {
                        newest = s;
                    }
                }
            }
            uint lastBoot = 0;
            uint limit = 0;
            bool anySeq = false;
            uint maxSeq = 0;
            bool newestIsClean = false;
            if (newest >= 0)
            {
                // Valid segments are consecutive in the ring up to the newest; replay them oldest first.
                int oldest = newest;
                for (int k = 1; k < _segmentCount; k++)
                {
                    int candidate = (newest - k + _segmentCount) % _segmentCount;
                    if (!_segmentValid[candidate] || _segmentNumbers[candidate] != _segmentNumbers[newest] - (uint)k)
                    {
                        break;
                    }
                    oldest = candidate;
                }
                int segment = oldest;
                while (true)
                {
                    int end = Replay(segment, ref lastBoot, ref limit, ref anySeq, ref maxSeq);
                    if (segment == newest)
                    {
                        newestIsClean = end >= 0;
                        _writePosition = end;
                        break;
                    }
                    segment = (segment + 1) % _segmentCount;
                }
                _current = newest;
            }
            _bootId = lastBoot + 1;
            _nextSeq = limit;
            if (anySeq && maxSeq + 1 > _nextSeq)
            {
                _nextSeq = maxSeq + 1;
            }
            if (_nextSeq == 0)
            {
                _nextSeq = 1;
            }
            _seqLimit = _nextSeq + SequenceReserve;
            if (newest < 0)
            {
                _current = _segmentCount - 1;
                _segmentNumbers[_current] = 0;
                OpenNextSegment();
            }
            else if (!newestIsClean || _writePosition + RecordOverhead + 8 > _segmentSize)
            {
                OpenNextSegment();
            }
            else
            {
                WriteState();
            }
        }

        /// <summary>Applies a segment's records; returns where its log ends, or -1 when it ends in a bad record.</summary>
        private int Replay(int segment, ref uint lastBoot, ref uint limit, ref bool anySeq, ref uint maxSeq)
        {
            int start = segment * _segmentSize;
            int position = HeaderLength;
            byte[] head = new byte[4];
            while (position + RecordOverhead <= _segmentSize)
            {
                _flash.Read(start + position, head, 0, 4);
                if (head[0] == 0xFF)
                {
                    return position;
                }
                int length = head[2] | (head[3] << 8);
                if (head[0] != RecordMarker || position + RecordOverhead + length > _segmentSize || length < 4)
                {
                    DiscardedRecords++;
                    return -1;
                }
                byte[] record = new byte[RecordOverhead + length];
                _flash.Read(start + position, record, 0, record.Length);
                if (ReadUInt32(record, 4 + length) != Crc32.Compute(record, 0, 4 + length))
                {
                    DiscardedRecords++;
                    return -1;
                }
                byte type = record[1];
                uint value = ReadUInt32(record, 4);
                if (type == StateRecord && length == 8)
                {
                    lastBoot = value;
                    uint recordLimit = ReadUInt32(record, 8);
                    if (recordLimit > limit)
                    {
                        limit = recordLimit;
                    }
                }
                else if (type == BatchRecord)
                {
                    _pending.Add(new SpoolEntry(value, segment, start + position + 8, length - 4));
                    if (!anySeq || value > maxSeq)
                    {
                        maxSeq = value;
                        anySeq = true;
                    }
                }
                else if (type == AckRecord)
                {
                    int index = IndexOf(value);
                    if (index >= 0)
                    {
                        _pending.RemoveAt(index);
                    }
                }
                position += record.Length;
            }
            return position;
        }

        private void OpenNextSegment()
        {
            int next = (_current + 1) % _segmentCount;
            uint number = _segmentNumbers[_current] + 1;
            for (int i = _pending.Count - 1; i >= 0; i--)
            {
                if (((SpoolEntry)_pending[i]).Segment == next)
                {
                    _pending.RemoveAt(i);
                    DroppedBatches++;
                }
            }
            int start = next * _segmentSize;
            _flash.EraseSector(start);
            byte[] header = new byte[HeaderLength];
            WriteUInt32(header, 0, SegmentMagic);
            WriteUInt32(header, 4, number);
            WriteUInt32(header, 8, Crc32.Compute(header, 0, 8));
            _flash.Write(start, header, 0, HeaderLength);
            _segmentNumbers[next] = number;
            _segmentValid[next] = true;
            _current = next;
            _writePosition = HeaderLength;
            WriteState();
        }

        private void WriteState()
        {
            byte[] record = new byte[RecordOverhead + 8];
            WriteUInt32(record, 4, _bootId);
            WriteUInt32(record, 8, _seqLimit);
            AppendRecord(StateRecord, record);
        }

        private int AppendRecord(byte type, byte[] record)
        {
            return AppendRecord(type, record, record.Length);
        }

        /// <summary>Fills in the record's frame (payload already at offset 4) and writes it; returns its flash address.</summary>
        private int AppendRecord(byte type, byte[] record, int recordLength)
        {
            if (_writePosition + recordLength > _segmentSize)
            {
                OpenNextSegment();
            }
            int length = recordLength - RecordOverhead;
            record[0] = RecordMarker;
            record[1] = type;
            record[2] = (byte)length;
            record[3] = (byte)(length >> 8);
            WriteUInt32(record, 4 + length, Crc32.Compute(record, 0, 4 + length));
            int address = _current * _segmentSize + _writePosition;
            // Advance first: if the write tears, the next append must not land on the torn bytes.
            _writePosition += recordLength;
            _flash.Write(address, record, 0, recordLength);
            return address;
        }

        private int IndexOf(uint seq)
        {
            for (int i = 0; i < _pending.Count; i++)
            {
                if (((SpoolEntry)_pending[i]).Seq == seq)
                {
                    return i;
                }
            }
            return -1;
        }

        private static uint ReadUInt32(byte[] buffer, int offset)
        {
            return (uint)(buffer[offset] | (buffer[offset + 1] << 8) | (buffer[offset + 2] << 16) | (buffer[offset + 3] << 24));
        }

        private static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 24);
        }
    }
}
