using System;
using Dimo.Core.Signals;

namespace Dimo.Core.Wire
{
    /// <summary>
    /// Encodes readings as a canonical batch body (shared/docs/wire-format.md). The body is laid out twice with
    /// the same code: once to measure, once into an array of exactly that size, so no 16 KiB scratch buffer
    /// is needed. The sort buffers are kept and reused. Not thread-safe.
    /// </summary>
    public sealed class BatchWriter
    {
        private int[] order = new int[0];
        private int[] scratch = new int[0];
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
            if (count == 0)
            {
                throw Reject(BatchFormatError.NonCanonical, "a batch holds at least one reading");
            }
            if (count > WireFormat.MaxReadings)
            {
                throw Reject(BatchFormatError.TooLarge, string.Concat(count.ToString(), " readings; at most 4096"));
            }
            long baseTime = WireFormat.MaxTime;
            for (int i = 0; i < count; i++)
            {
                Check(readings[i], i);
                if (readings[i].Time < baseTime)
                {
                    baseTime = readings[i].Time;
                }
            }
            if (order.Length < count)
            {
                order = new int[count];
                scratch = new int[count];
            }
            ReadingOrder.Sort(readings, count, order, scratch);
            int groups = 1;
            for (int k = 1; k < count; k++)
            {
                Reading previous = readings[order[k - 1]];
                Reading current = readings[order[k]];
                if (!ReadingOrder.Before(previous, current))
                {
                    throw Reject(BatchFormatError.NonCanonical, string.Concat("two readings of signal ",
                        current.SignalId.ToString(), " at time ", current.Time.ToString()));
                }
                if (previous.SignalId != current.SignalId)
                {
                    groups++;
                }
            }

            output = null;
            position = 0;
            Lay(bootId, seq, baseTime, readings, count, groups);
            if (position > WireFormat.MaxBodyLength)
            {
                throw Reject(BatchFormatError.TooLarge, string.Concat("body of ", position.ToString(), " bytes; at most 16384"));
            }
            byte[] body = new byte[position];
            output = body;
            position = 0;
            Lay(bootId, seq, baseTime, readings, count, groups);
            output = null;
            return body;
        }

        private static void Check(Reading reading, int index)
        {
            if (reading == null)
            {
                throw new ArgumentException(string.Concat("reading ", index.ToString(), " is null"), "readings");
            }
            SignalInfo signal = SignalCatalog.ById(reading.SignalId);
            if (signal == null)
            {
                throw Reject(BatchFormatError.UnknownSignal, Describe(reading, index, "has no catalog entry"));
            }
            if (reading.Time < 0 || reading.Time > WireFormat.MaxTime)
            {
                throw Reject(BatchFormatError.OutOfRange, Describe(reading, index, "has a time outside 0..2^53-1"));
            }
            if (signal.Kind == SignalKind.Number)
            {
                if (reading.Text != null)
                {
                    throw Reject(BatchFormatError.UnknownSignal, Describe(reading, index, "carries text for a number signal"));
                }
                // The first bound keeps the double-to-long conversion in range (and fails NaN); the second is the rule.
                double bound = 2.0 * WireFormat.MaxRaw * signal.Resolution;
                if (!(reading.Value >= -bound && reading.Value <= bound)
                    || !IsSafe(signal.ToRaw(reading.Value)))
                {
                    throw Reject(BatchFormatError.OutOfRange, Describe(reading, index, "has a value beyond ±(2^48-1) steps"));
                }
            }
            else
            {
                if (reading.Text == null)
                {
                    throw Reject(BatchFormatError.BadText, Describe(reading, index, "has no text for a text signal"));
                }
                int length = Utf8.Encode(reading.Text, null, 0);
                if (length < 0)
                {
                    throw Reject(BatchFormatError.BadText, Describe(reading, index, "has text with a lone surrogate"));
                }
                if (length > WireFormat.MaxTextLength)
                {
                    throw Reject(BatchFormatError.BadText, Describe(reading, index, "has text above 256 UTF-8 bytes"));
                }
            }
        }

        private void Lay(uint bootId, uint seq, long baseTime, Reading[] readings, int count, int groups)
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
                ushort signalId = readings[order[first]].SignalId;
                int next = first + 1;
                while (next < count && readings[order[next]].SignalId == signalId)
                {
                    next++;
                }
                PutVarint(signalId);
                PutVarint((ulong)(next - first));
                SignalInfo signal = SignalCatalog.ById(signalId);
                bool isText = signal.Kind == SignalKind.Text;
                long previousTime = baseTime;
                long previousDelta = 0;
                long previousRaw = 0;
                for (int k = first; k < next; k++)
                {
                    Reading reading = readings[order[k]];
                    if (k == first)
                    {
                        PutVarint((ulong)(reading.Time - baseTime));
                    }
                    else
                    {
                        long delta = reading.Time - previousTime;
                        PutVarint(ZigZag.Encode(delta - previousDelta));
                        previousDelta = delta;
                    }
                    previousTime = reading.Time;
                    if (isText)
                    {
                        PutText(reading.Text);
                    }
                    else
                    {
                        long raw = signal.ToRaw(reading.Value);
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

        private static string Describe(Reading reading, int index, string problem)
        {
            return string.Concat(new string[]
            {
                "reading ", index.ToString(), " (signal ", reading.SignalId.ToString(), ") ", problem,
            });
        }

        private static BatchFormatException Reject(BatchFormatError reason, string detail)
        {
            return new BatchFormatException(reason, -1, detail);
        }
    }
}
