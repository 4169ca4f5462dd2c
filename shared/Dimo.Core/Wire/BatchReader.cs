using System;
using System.Text;
using Dimo.Core.Signals;

namespace Dimo.Core.Wire
{
    /// <summary>
    /// Decodes a batch body, accepting only the canonical encoding (shared/docs/wire-format.md), so that one
    /// batch has exactly one body and one signature. For any bytes it returns a <see cref="Batch"/> or throws
    /// <see cref="BatchFormatException"/>; only a null array or a slice outside the array (a caller bug) throws
    /// an ArgumentException. Not thread-safe: use one reader per thread.
    /// </summary>
    public sealed class BatchReader
    {
        private byte[] data;
        private int start;
        private int position;
        private int end;

        public Batch ReadBody(byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }
            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new ArgumentOutOfRangeException("count", "the slice lies outside the array");
            }
            if (count > WireFormat.MaxBodyLength)
            {
                throw new BatchFormatException(BatchFormatError.TooLarge, WireFormat.MaxBodyLength,
                    string.Concat("body of ", count.ToString(), " bytes; at most 16384"));
            }
            this.data = data;
            start = offset;
            position = offset;
            end = offset + count;
            try
            {
                return Read();
            }
            finally
            {
                this.data = null;
            }
        }

        private Batch Read()
        {
            if (position >= end)
            {
                throw Fail(BatchFormatError.Truncated, "empty body");
            }
            if (data[position] != WireFormat.Magic)
            {
                throw Fail(BatchFormatError.BadMagic, "the first byte is not 0x44");
            }
            position++;
            if (position >= end)
            {
                throw Fail(BatchFormatError.Truncated, "no version byte");
            }
            if (data[position] != WireFormat.Version)
            {
                throw Fail(BatchFormatError.UnsupportedVersion, string.Concat("version ", data[position].ToString()));
            }
            position++;
            uint bootId = ReadUInt32("boot id");
            uint seq = ReadUInt32("sequence number");
            int baseTimeAt = position;
            ulong baseTimeField = ReadVarint();
            if (baseTimeField > WireFormat.MaxTime)
            {
                throw FailAt(BatchFormatError.OutOfRange, baseTimeAt, "base time above 2^53-1");
            }
            long baseTime = (long)baseTimeField;
            int groupCountAt = position;
            ulong groupCount = ReadVarint();
            if (groupCount == 0)
            {
                throw FailAt(BatchFormatError.NonCanonical, groupCountAt, "no groups");
            }
            if (groupCount > WireFormat.MaxReadings)
            {
                throw FailAt(BatchFormatError.TooLarge, groupCountAt, "more groups than readings allowed");
            }

            Reading[] readings = new Reading[16];
            int total = 0;
            ulong previousSignalId = 0;
            bool baseTimeSeen = false;
            for (ulong group = 0; group < groupCount; group++)
            {
                int signalAt = position;
                ulong signalId = ReadVarint();
                if (group > 0 && signalId <= previousSignalId)
                {
                    throw FailAt(BatchFormatError.NonCanonical, signalAt, "signal ids not strictly ascending");
                }
                previousSignalId = signalId;
                SignalInfo signal = signalId <= ushort.MaxValue ? SignalCatalog.ById((int)signalId) : null;
                if (signal == null)
                {
                    throw FailAt(BatchFormatError.UnknownSignal, signalAt, string.Concat("signal id ", signalId.ToString()));
                }
                int countAt = position;
                ulong count = ReadVarint();
                if (count == 0)
                {
                    throw FailAt(BatchFormatError.NonCanonical, countAt, "a group without readings");
                }
                if (count > (ulong)(WireFormat.MaxReadings - total))
                {
                    throw FailAt(BatchFormatError.TooLarge, countAt, "more than 4096 readings");
                }

                long time = baseTime;
                long previousDelta = 0;
                long raw = 0;
                for (ulong k = 0; k < count; k++)
                {
                    if (k == 0)
                    {
                        int offsetAt = position;
                        ulong timeOffset = ReadVarint();
                        if (timeOffset > (ulong)(WireFormat.MaxTime - baseTime))
                        {
                            throw FailAt(BatchFormatError.OutOfRange, offsetAt, "time above 2^53-1");
                        }
                        time = baseTime + (long)timeOffset;
                        if (timeOffset == 0)
                        {
                            baseTimeSeen = true;
                        }
                    }
                    else
                    {
                        time = NextTime(time, ref previousDelta);
                    }

                    Reading reading;
                    if (signal.Kind == SignalKind.Text)
                    {
                        reading = new Reading(signal.Id, time, ReadText());
                    }
                    else
                    {
                        raw = NextRaw(raw);
                        reading = new Reading(signal.Id, time, signal.ToValue(raw));
                    }
                    if (total == readings.Length)
                    {
                        readings = Resize(readings, total * 2);
                    }
                    readings[total++] = reading;
                }
            }
            if (!baseTimeSeen)
            {
                throw FailAt(BatchFormatError.NonCanonical, baseTimeAt, "base time is not the earliest reading time");
            }
            if (position != end)
            {
                throw Fail(BatchFormatError.TrailingBytes, string.Concat((end - position).ToString(), " bytes after the last group"));
            }
            return new Batch(WireFormat.Version, bootId, seq, baseTime, Resize(readings, total));
        }

        /// <summary>The time after <paramref name="time"/>: the stored value is the change in the gap between readings.</summary>
        private long NextTime(long time, ref long previousDelta)
        {
            int at = position;
            long deltaOfDelta = ZigZag.Decode(ReadVarint());
            // A valid gap and the previous one both lie in 0..2^53-1; checking first keeps the sum from overflowing.
            if (deltaOfDelta > WireFormat.MaxTime || deltaOfDelta < -WireFormat.MaxTime)
            {
                throw FailAt(BatchFormatError.OutOfRange, at, "time step beyond 2^53-1");
            }
            long delta = previousDelta + deltaOfDelta;
            if (delta <= 0)
            {
                throw FailAt(BatchFormatError.NonCanonical, at, "times not strictly ascending");
            }
            if (delta > WireFormat.MaxTime - time)
            {
                throw FailAt(BatchFormatError.OutOfRange, at, "time above 2^53-1");
            }
            previousDelta = delta;
            return time + delta;
        }

        /// <summary>The raw step count after <paramref name="raw"/> (0 before the first reading).</summary>
        private long NextRaw(long raw)
        {
            int at = position;
            long delta = ZigZag.Decode(ReadVarint());
            // Both raw counts lie within ±MaxRaw, so a valid step is within ±2·MaxRaw and the sum cannot overflow.
            if (delta > 2 * WireFormat.MaxRaw || delta < -2 * WireFormat.MaxRaw)
            {
                throw FailAt(BatchFormatError.OutOfRange, at, "value step beyond ±(2^49-2)");
            }
            long next = raw + delta;
            if (next > WireFormat.MaxRaw || next < -WireFormat.MaxRaw)
            {
                throw FailAt(BatchFormatError.OutOfRange, at, "value beyond ±(2^48-1) steps");
            }
            return next;
        }

        private string ReadText()
        {
            int at = position;
            ulong length = ReadVarint();
            if (length > WireFormat.MaxTextLength)
            {
                throw FailAt(BatchFormatError.BadText, at, string.Concat("text of ", length.ToString(), " bytes; at most 256"));
            }
            int byteCount = (int)length;
            if (byteCount > end - position)
            {
                throw FailAt(BatchFormatError.Truncated, end, "text runs past the end");
            }
            if (!Utf8.IsValid(data, position, byteCount))
            {
                throw Fail(BatchFormatError.BadText, "text is not well-formed UTF-8");
            }
            string text = Encoding.UTF8.GetString(data, position, byteCount);
            position += byteCount;
            return text;
        }

        private uint ReadUInt32(string field)
        {
            int at = position;
            ulong value = ReadVarint();
            if (value > uint.MaxValue)
            {
                throw FailAt(BatchFormatError.OutOfRange, at, string.Concat(field, " above 2^32-1"));
            }
            return (uint)value;
        }

        /// <summary>A minimal LEB128 varint of at most 64 bits.</summary>
        private ulong ReadVarint()
        {
            int at = position;
            ulong value = 0;
            for (int shift = 0; ; shift += 7)
            {
                if (position >= end)
                {
                    throw Fail(BatchFormatError.Truncated, "varint runs past the end");
                }
                byte b = data[position++];
                if (shift == 63 && b > 1)
                {
                    throw FailAt(BatchFormatError.OutOfRange, at, "varint above 64 bits");
                }
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    if (b == 0 && shift > 0)
                    {
                        throw FailAt(BatchFormatError.NonCanonical, at, "varint with a redundant zero byte");
                    }
                    return value;
                }
            }
        }

        private static Reading[] Resize(Reading[] readings, int length)
        {
            if (length == readings.Length)
            {
                return readings;
            }
            Reading[] resized = new Reading[length];
            Array.Copy(readings, resized, length < readings.Length ? length : readings.Length);
            return resized;
        }

        private BatchFormatException Fail(BatchFormatError reason, string detail)
        {
            return FailAt(reason, position, detail);
        }

        private BatchFormatException FailAt(BatchFormatError reason, int at, string detail)
        {
            return new BatchFormatException(reason, at - start, detail);
        }
    }
}
