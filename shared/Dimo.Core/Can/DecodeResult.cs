namespace Dimo.Core.Can
{
    /// <summary>
    /// Caller-owned output of <see cref="FrameDecoder"/>, reused frame after frame so decoding allocates
    /// nothing. Entries 0..Count-1 are valid: the table's signal index, its raw value (sign-extended when
    /// signed; the bit pattern for floats) and its physical value.
    /// </summary>
    public sealed class DecodeResult
    {
        public DecodeResult(int capacity)
        {
            SignalIndexes = new int[capacity];
            RawValues = new long[capacity];
            Values = new double[capacity];
            MessageIndex = -1;
        }

        public readonly int[] SignalIndexes;
        public readonly long[] RawValues;
        public readonly double[] Values;

        /// <summary>The matched message's index in the table, or -1.</summary>
        public int MessageIndex;

        public int Count;
    }
}
