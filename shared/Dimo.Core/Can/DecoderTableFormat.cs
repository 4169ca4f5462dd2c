namespace Dimo.Core.Can
{
    /// <summary>
    /// Byte layout of a compiled decoder table (shared/docs/can.md describes it in full). All integers
    /// little-endian; doubles are IEEE 754 binary64. The compiler (cloud/Dimo.Dbc) writes it,
    /// <see cref="DecoderTable"/> reads it.
    /// </summary>
    public static class DecoderTableFormat
    {
        public const byte Magic0 = (byte)'D';
        public const byte Magic1 = (byte)'C';
        public const byte Magic2 = (byte)'A';
        public const byte Magic3 = (byte)'N';
        public const byte Version = 1;

        public const int HeaderSize = 12;
        public const int FilterBlockSize = 32;
        public const int MessageRecordSize = 8;
        public const int SignalRecordSize = 24;
        public const int ChecksumSize = 4;

        /// <summary>Header flag: a names section follows the signal records.</summary>
        public const byte FlagNames = 1;

        /// <summary>Header flag: the MCP2515 acceptance filter block follows the header.</summary>
        public const byte FlagFilters = 2;

        /// <summary>Bit 31 of a message key (and of a filter word): the id is a 29-bit extended id.</summary>
        public const uint ExtendedFlag = 0x80000000;

        public const uint ExtendedIdMask = 0x1FFFFFFF;

        /// <summary>Message record: no multiplexer.</summary>
        public const byte NoMultiplexer = 0xFF;

        public const byte SignalBigEndian = 1;
        public const byte SignalSigned = 2;
        public const byte SignalMultiplexer = 4;
        public const byte SignalMultiplexed = 8;
        public const int SignalValueTypeShift = 4;
        public const byte SignalValueTypeMask = 0x30;
    }
}
