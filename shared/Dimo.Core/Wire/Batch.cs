namespace Dimo.Core.Wire
{
    /// <summary>A decoded batch body. Readings are in canonical order: by signal id, then by time.</summary>
    public sealed class Batch
    {
        public Batch(byte version, uint bootId, uint seq, long baseTime, Reading[] readings)
        {
            Version = version;
            BootId = bootId;
            Seq = seq;
            BaseTime = baseTime;
            Readings = readings;
        }

        public byte Version { get; private set; }

        /// <summary>Counts the dongle's boots; together with <see cref="Seq"/> it orders batches.</summary>
        public uint BootId { get; private set; }

        /// <summary>Batch sequence number, monotonic per device across reboots.</summary>
        public uint Seq { get; private set; }

        /// <summary>The earliest reading time (unix ms).</summary>
        public long BaseTime { get; private set; }

        public Reading[] Readings { get; private set; }
    }
}
