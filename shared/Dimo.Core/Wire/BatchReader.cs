using System;
using Dimo.Core.Signals;

namespace Dimo.Core.Wire
{
    /// <summary>
    /// Decodes a batch body, accepting only the canonical encoding (shared/docs/wire-format.md), so that one
    /// batch has exactly one body and one signature. For any bytes it returns a <see cref="Batch"/> (or feeds an
    /// <see cref="IReadingSink"/>) or throws <see cref="BatchFormatException"/>; only a null array or a slice outside
    /// the array (a caller bug) throws an ArgumentException. Not thread-safe: use one reader per thread.
    /// </summary>
    public sealed class BatchReader
    {
        private byte[] data;
        private int start;
        private int position;
        private int end;
        private IReadingSink sink;

        /// <summary>Decodes the body into a <see cref="Batch"/> holding one <see cref="Reading"/> per reading.</summary>
        public Batch ReadBody(byte[] data, int offset, int count)
        {
            ReadingCollector collector = new ReadingCollector();
            ReadBody(data, offset, count, collector);
            return collector.ToBatch();
        }

        /// <summary>
        /// Decodes the body into <paramref name="sink"/>, which sees the header and then every reading; the body is
        /// valid only if this returns.
        /// </summary>
        public void ReadBody(byte[] data, int offset, int count, IReadingSink sink)
        {
            if (sink == null)
            {
                throw new ArgumentNullException("sink");
            }
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
            this.sink = sink;
            start = offset;
            position = offset;
            end = offset + count;
            try
            {
                Read();
            }
            finally
            {
                this.data = null;
                this.sink = null;
            }
        }

        private void Read()
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

            sink.Begin(bootId, seq, baseTime);
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

                    if (signal.Kind == SignalKind.Text)
                    {
                        ReadText(signal, time);
                    }
                    else
                    {
                        raw = NextRaw(raw);
                        sink.Number(signal, time, raw);
                    }
                    total++;
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

        private void ReadText(SignalInfo signal, long time)
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
            sink.Text(signal, time, data, position, byteCount);
            position += byteCount;
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
