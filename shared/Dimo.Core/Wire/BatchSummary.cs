using System;
using System.Text;
using Dimo.Core.Signals;

namespace Dimo.Core.Wire
{
    /// <summary>
    /// The sink for a receiver that stores the body as it is and only needs its facts: header, reading count, first
    /// and last reading time, how many readings are older than <see cref="StaleBefore"/>, and each signal's newest
    /// value. Creates no object per reading, and none per batch once its arrays have grown (text values excepted), so
    /// one summary can be reused for batch after batch. Not thread-safe.
    /// </summary>
    public sealed class BatchSummary : IReadingSink
    {
        private ushort[] signalIds = new ushort[32];
        private long[] newestTimes = new long[32];
        private long[] newestRaws = new long[32];
        private string[] newestTexts = new string[32];

        /// <summary>Readings before this time (unix ms) are counted in <see cref="StaleCount"/>; set it before reading.</summary>
        public long StaleBefore { get; set; }

        public uint BootId { get; private set; }

        public uint Seq { get; private set; }

        public long BaseTime { get; private set; }

        public int ReadingCount { get; private set; }

        public int StaleCount { get; private set; }

        /// <summary>The earliest reading time (unix ms).</summary>
        public long FirstTime { get; private set; }

        /// <summary>The latest reading time (unix ms).</summary>
        public long LastTime { get; private set; }

        /// <summary>How many signals the batch carries; their newest values are at indices 0 … SignalCount-1, by signal id.</summary>
        public int SignalCount { get; private set; }

        public ushort SignalId(int index)
        {
            return signalIds[Check(index)];
        }

        /// <summary>Time of the signal's newest reading.</summary>
        public long NewestTime(int index)
        {
            return newestTimes[Check(index)];
        }

        /// <summary>The newest value in steps of the signal's resolution (0 for a Text signal).</summary>
        public long NewestRaw(int index)
        {
            return newestRaws[Check(index)];
        }

        /// <summary>The newest text of a Text signal; null for a Number signal.</summary>
        public string NewestText(int index)
        {
            return newestTexts[Check(index)];
        }

        public void Begin(uint bootId, uint seq, long baseTime)
        {
            BootId = bootId;
            Seq = seq;
            BaseTime = baseTime;
            ReadingCount = 0;
            StaleCount = 0;
            FirstTime = long.MaxValue;
            LastTime = long.MinValue;
            SignalCount = 0;
        }

        public void Number(SignalInfo signal, long time, long raw)
        {
            int index = Slot(signal, time);
            newestRaws[index] = raw;
            newestTexts[index] = null;
        }

        public void Text(SignalInfo signal, long time, byte[] utf8, int offset, int count)
        {
            int index = Slot(signal, time);
            newestRaws[index] = 0;
            newestTexts[index] = Encoding.UTF8.GetString(utf8, offset, count);
        }

        /// <summary>
        /// Counts the reading and returns the slot of its signal. Readings arrive grouped by signal and ascending in
        /// time within a group, so each reading is its signal's newest so far.
        /// </summary>
        private int Slot(SignalInfo signal, long time)
        {
            ReadingCount++;
            if (time < StaleBefore)
            {
                StaleCount++;
            }
            if (time < FirstTime)
            {
                FirstTime = time;
            }
            if (time > LastTime)
            {
                LastTime = time;
            }
            int last = SignalCount - 1;
            if (last < 0 || signalIds[last] != signal.Id)
            {
                if (SignalCount == signalIds.Length)
                {
                    Grow();
                }
                last = SignalCount;
                SignalCount++;
                signalIds[last] = signal.Id;
            }
            newestTimes[last] = time;
            return last;
        }

        private void Grow()
        {
            int length = signalIds.Length * 2;
            ushort[] ids = new ushort[length];
            long[] times = new long[length];
            long[] raws = new long[length];
            string[] texts = new string[length];
            Array.Copy(signalIds, ids, SignalCount);
            Array.Copy(newestTimes, times, SignalCount);
            Array.Copy(newestRaws, raws, SignalCount);
            Array.Copy(newestTexts, texts, SignalCount);
            signalIds = ids;
            newestTimes = times;
            newestRaws = raws;
            newestTexts = texts;
        }

        private int Check(int index)
        {
            if (index < 0 || index >= SignalCount)
            {
                throw new ArgumentOutOfRangeException("index");
            }
            return index;
        }
    }
}
