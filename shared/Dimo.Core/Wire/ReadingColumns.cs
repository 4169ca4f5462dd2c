using System;

namespace Dimo.Core.Wire
{
    /// <summary>
    /// Readings held as parallel columns (signal id, time, value, text) instead of one <see cref="Reading"/>
    /// object each, so the dongle's loop collects a batch without allocating: a reading costs 18 bytes of
    /// preallocated arrays on nanoCLR instead of a 60-byte object and a 12-byte slot (shared/docs/heap-budget.md).
    /// The text column is allocated with the first text reading (most batches have none). Not thread-safe.
    /// </summary>
    internal sealed class ReadingColumns
    {
        private readonly ushort[] _signalIds;
        private readonly long[] _times;
        private readonly double[] _values;
        private string[] _texts;
        private int _count;

        public ReadingColumns(int capacity)
        {
            _signalIds = new ushort[capacity];
            _times = new long[capacity];
            _values = new double[capacity];
        }

        /// <summary>Copies readings[0..count); stops at the first null reading and reports its index (else -1).</summary>
        public static ReadingColumns Of(Reading[] readings, int count, out int firstNull)
        {
            ReadingColumns columns = new ReadingColumns(count);
            firstNull = -1;
            for (int i = 0; i < count; i++)
            {
                Reading reading = readings[i];
                if (reading == null)
                {
                    firstNull = i;
                    break;
                }
                if (reading.Text != null)
                {
                    columns.AddText(reading.SignalId, reading.Time, reading.Text);
                }
                else
                {
                    columns.AddNumber(reading.SignalId, reading.Time, reading.Value);
                }
            }
            return columns;
        }

        public int Capacity
        {
            get { return _signalIds.Length; }
        }

        public int Count
        {
            get { return _count; }
        }

        public void AddNumber(ushort signalId, long time, double value)
        {
            _signalIds[_count] = signalId;
            _times[_count] = time;
            _values[_count] = value;
            _count++;
        }

        public void AddText(ushort signalId, long time, string text)
        {
            if (_texts == null)
            {
                _texts = new string[_signalIds.Length];
            }
            _signalIds[_count] = signalId;
            _times[_count] = time;
            _values[_count] = 0;
            _texts[_count] = text;
            _count++;
        }

        public ushort SignalId(int index)
        {
            return _signalIds[index];
        }

        public long Time(int index)
        {
            return _times[index];
        }

        /// <summary>The number of a Number reading; 0 for a text reading.</summary>
        public double Value(int index)
        {
            return _values[index];
        }

        /// <summary>The text of a Text reading; null for a number reading.</summary>
        public string Text(int index)
        {
            return _texts == null ? null : _texts[index];
        }

        /// <summary>Forgets every reading (and lets go of their texts).</summary>
        public void Clear()
        {
            if (_texts != null)
            {
                Array.Clear(_texts, 0, _count);
            }
            _count = 0;
        }
    }
}
