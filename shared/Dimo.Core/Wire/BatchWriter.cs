using System;
using Dimo.Core.Signals;

namespace Dimo.Core.Wire
{
    /// <summary>
    /// Encodes readings as a canonical batch body (shared/docs/wire-format.md). The body is laid out twice with
    /// the same code: once to measure, once into an array of exactly that size, so no 16 KiB scratch buffer
    /// is needed. The sort buffers are sized to each batch and not kept. Not thread-safe.
    /// </summary>
    public sealed class BatchWriter
    {
        private byte[] output;
        private int position;

        /// <summary>
        /// The canonical body for these readings, in any order. Throws <see cref="BatchFormatException"/>
        /// (offset -1) for readings that cannot be encoded: none or too many, an unknown signal, a time or value
        /// out of range, bad or long text, two readings of one signal at the same time, a body above 16 KiB.
        /// </summary>
        public byte[] WriteBody(uint bootId, uint seq, Reading[] readings)
        {
            if (readings == null)
            {
                throw new ArgumentNullException("readings");
            }
            return WriteBody(bootId, seq, readings, readings.Length);
        }

        /// <summary>
        /// The canonical body for readings[0..count), so a dongle can keep one reading buffer and reuse it for
        /// every batch. Throws as <see cref="WriteBody(uint, uint, Reading[])"/> does.
        /// </summary>
        public byte[] WriteBody(uint bootId, uint seq, Reading[] readings, int count)
        {
            if (readings == null)
            {
                throw new ArgumentNullException("readings");
            }
            if (count < 0 || count > readings.Length)
            {
                throw new ArgumentOutOfRangeException("count", "count lies outside the readings array");
            }
            CheckCount(count);
            int firstNull;
            ReadingColumns columns = ReadingColumns.Of(readings, count, out firstNull);
            return Write(bootId, seq, columns, count, firstNull);
        }

        /// <summary>
        /// The canonical body for the readings a dongle collected into columns, which it then reuses for the next
        /// batch. Throws as <see cref="WriteBody(uint, uint, Reading[])"/> does.
        /// </summary>
        internal byte[] WriteBody(uint bootId, uint seq, ReadingColumns readings)
        {
            CheckCount(readings.Count);
            return Write(bootId, seq, readings, readings.Count, -1);
        }

        private static void CheckCount(int count)
        {
            if (count == 0)
            {
                throw Reject(BatchFormatError.NonCanonical, "a batch holds at least one reading");
            }
            if (count > WireFormat.MaxReadings)
            {
                throw Reject(BatchFormatError.TooLarge, string.Concat(count.ToString(), " readings; at most 4096"));
            }
        }

        /// <summary>Checks, sorts and lays out readings[0..count); the reading at <paramref name="nullAt"/> (if not -1) was null.</summary>
        private byte[] Write(uint bootId, uint seq, ReadingColumns readings, int count, int nullAt)
        {
            long baseTime = WireFormat.MaxTime;
            for (int i = 0; i < count; i++)
            {
                if (i == nullAt)
                {
                    throw new ArgumentException(string.Concat("reading ", i.ToString(), " is null"), "readings");
                }
                Check(readings, i);
                if (readings.Time(i) < baseTime)
                {
                    baseTime = readings.Time(i);
                }
            }
            // Sized to the batch and dropped with it: a dongle seals every 20 s, and kept buffers would stay live.
            int[] order = new int[count];
            ReadingOrder.Sort(readings, count, order, new int[count]);
            int groups = 1;
            for (int k = 1; k < count; k++)
            {
                int previous = order[k - 1];
                int current = order[k];
                if (!ReadingOrder.Before(readings, previous, current))
                {
                    throw Reject(BatchFormatError.NonCanonical, string.Concat("two readings of signal ",
                        readings.SignalId(current).ToString(), " at time ", readings.Time(current).ToString()));
                }
                if (readings.SignalId(previous) != readings.SignalId(current))
                {
                    groups++;
                }
            }

            output = null;
            position = 0;
            Lay(bootId, seq, baseTime, readings, order, count, groups);
            if (position > WireFormat.MaxBodyLength)
            {
                throw Reject(BatchFormatError.TooLarge, string.Concat("body of ", position.ToString(), " bytes; at most 16384"));
            }
            byte[] body = new byte[position];
            output = body;
            position = 0;
            Lay(bootId, seq, baseTime, readings, order, count, groups);
            output = null;
            return body;
        }

        private static void Check(ReadingColumns readings, int index)
        {
            int row = SignalCatalog.RowOf(readings.SignalId(index));
            if (row < 0)
            {
                throw Reject(BatchFormatError.UnknownSignal, Describe(readings, index, "has no catalog entry"));
            }
            long time = readings.Time(index);
            if (time < 0 || time > WireFormat.MaxTime)
            {
                throw Reject(BatchFormatError.OutOfRange, Describe(readings, index, "has a time outside 0..2^53-1"));
            }
            string text = readings.Text(index);
            if (!SignalCatalog.IsText(row))
            {
                if (text != null)
                {
                    throw Reject(BatchFormatError.UnknownSignal, Describe(readings, index, "carries text for a number signal"));
                }
                // The first bound keeps the double-to-long conversion in range (and fails NaN); the second is the rule.
                long numerator = SignalCatalog.StepNumerator(row);
                long denominator = SignalCatalog.StepDenominator(row);
                double value = readings.Value(index);
                double bound = 2.0 * WireFormat.MaxRaw * ((double)numerator / denominator);
                if (!(value >= -bound && value <= bound)
                    || !IsSafe(SignalInfo.ToRaw(value, numerator, denominator)))
                {
                    throw Reject(BatchFormatError.OutOfRange, Describe(readings, index, "has a value beyond ±(2^48-1) steps"));
                }
            }
            else
            {
                if (text == null)
                {
                    throw Reject(BatchFormatError.BadText, Describe(readings, index, "has no text for a text signal"));
                }
                int length = Utf8.Encode(text, null, 0);
                if (length < 0)
                {
                    throw Reject(BatchFormatError.BadText, Describe(readings, index, "has text with a lone surrogate"));
                }
                if (length > WireFormat.MaxTextLength)
                {
                    throw Reject(BatchFormatError.BadText, Describe(readings, index, "has text above 256 UTF-8 bytes"));
                }
            }
        }

        private void Lay(uint bootId, uint seq, long baseTime, ReadingColumns readings, int[] order, int count, int groups)
        {
            PutByte(WireFormat.Magic);
            PutByte(WireFormat.Version);
            PutVarint(bootId);
            PutVarint(seq);
            PutVarint((ulong)baseTime);
            PutVarint((ulong)groups);
            int first = 0;
            while (first < count)
            {
                ushort signalId = readings.SignalId(order[first]);
                int next = first + 1;
                while (next < count && readings.SignalId(order[next]) == signalId)
                {
                    next++;
                }
                PutVarint(signalId);
                PutVarint((ulong)(next - first));
                int row = SignalCatalog.RowOf(signalId);
                bool isText = SignalCatalog.IsText(row);
                long numerator = SignalCatalog.StepNumerator(row);
                long denominator = SignalCatalog.StepDenominator(row);
                long previousTime = baseTime;
                long previousDelta = 0;
                long previousRaw = 0;
                for (int k = first; k < next; k++)
                {
                    int reading = order[k];
                    long time = readings.Time(reading);
                    if (k == first)
                    {
                        PutVarint((ulong)(time - baseTime));
                    }
                    else
                    {
                        long delta = time - previousTime;
                        PutVarint(ZigZag.Encode(delta - previousDelta));
                        previousDelta = delta;
                    }
                    previousTime = time;
                    if (isText)
                    {
                        PutText(readings.Text(reading));
                    }
                    else
                    {
                        long raw = SignalInfo.ToRaw(readings.Value(reading), numerator, denominator);
                        PutVarint(ZigZag.Encode(raw - previousRaw));
                        previousRaw = raw;
                    }
                }
                first = next;
            }
        }

        private void PutByte(byte value)
        {
            if (output != null)
            {
                output[position] = value;
            }
            position++;
        }

        private void PutVarint(ulong value)
        {
            if (output != null)
            {
                position = Varint.Write(value, output, position);
            }
            else
            {
                position += Varint.Length(value);
            }
        }

        private void PutText(string text)
        {
            int length = Utf8.Encode(text, null, 0);
            PutVarint((ulong)length);
            if (output != null)
            {
                Utf8.Encode(text, output, position);
            }
            position += length;
        }

        private static bool IsSafe(long raw)
        {
            return raw >= -WireFormat.MaxRaw && raw <= WireFormat.MaxRaw;
        }

        private static string Describe(ReadingColumns readings, int index, string problem)
        {
            return string.Concat(new string[]
            {
                "reading ", index.ToString(), " (signal ", readings.SignalId(index).ToString(), ") ", problem,
            });
        }

        private static BatchFormatException Reject(BatchFormatError reason, string detail)
        {
            return new BatchFormatException(reason, -1, detail);
        }
    }
}
