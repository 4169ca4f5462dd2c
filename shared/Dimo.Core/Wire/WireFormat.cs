namespace Dimo.Core.Wire
{
    /// <summary>The constants of batch format v1 (shared/docs/wire-format.md).</summary>
    public static class WireFormat
    {
        /// <summary>First body byte, ASCII 'D'.</summary>
        public const byte Magic = 0x44;

        public const byte Version = 1;

        /// <summary>16 KiB: a 20 s batch of 20 signals at 1 Hz is about 1 KiB, and an MCU must hold the body twice (write + sign).</summary>
        public const int MaxBodyLength = 16384;

        public const int MaxReadings = 4096;

        /// <summary>Bytes of UTF-8 per text value: a VIN is 17, a DTC list of 40 codes fits.</summary>
        public const int MaxTextLength = 256;

        /// <summary>
        /// 2^53 - 1, the latest reading time (unix ms; times are also ≥ 0). Every integer up to it is exact as a
        /// double, so JavaScript and JSON consumers see the same milliseconds.
        /// </summary>
        public const long MaxTime = 9007199254740991;

        /// <summary>
        /// 2^48 - 1, the largest magnitude of a raw step count. Below it a value survives raw → double → raw
        /// exactly for every step in the catalog, so a decoded batch re-encodes to the same bytes.
        /// </summary>
        public const long MaxRaw = 281474976710655;
    }
}
