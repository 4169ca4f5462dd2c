using System;
using System.Text;
using Dimo.Core.Signals;

namespace Dimo.Core.Wire
{
    /// <summary>The sink that materialises a <see cref="Batch"/>: one <see cref="Reading"/> per reading.</summary>
    internal sealed class ReadingCollector : IReadingSink
    {
        private uint bootId;
        private uint seq;
        private long baseTime;
        private Reading[] readings = new Reading[16];
        private int total;

        public void Begin(uint bootId, uint seq, long baseTime)
        {
            this.bootId = bootId;
            this.seq = seq;
            this.baseTime = baseTime;
            readings = new Reading[16];
            total = 0;
        }

        public void Number(SignalInfo signal, long time, long raw)
        {
            Add(new Reading(signal.Id, time, signal.ToValue(raw)));
        }

        public void Text(SignalInfo signal, long time, byte[] utf8, int offset, int count)
        {
            Add(new Reading(signal.Id, time, Encoding.UTF8.GetString(utf8, offset, count)));
        }

        public Batch ToBatch()
        {
            Batch batch = new Batch(WireFormat.Version, bootId, seq, baseTime, Resize(readings, total));
            readings = null;
            return batch;
        }

        private void Add(Reading reading)
        {
            if (total == readings.Length)
            {
                readings = Resize(readings, total * 2);
            }
            readings[total++] = reading;
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
    }
}
