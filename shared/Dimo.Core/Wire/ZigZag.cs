namespace Dimo.Core.Wire
{
    /// <summary>Maps signed to unsigned so that small magnitudes stay small: 0→0, -1→1, 1→2, -2→3, ...</summary>
    public static class ZigZag
    {
        public static ulong Encode(long value)
        {
            return (ulong)((value << 1) ^ (value >> 63));
        }

        public static long Decode(ulong value)
        {
            return (long)(value >> 1) ^ -(long)(value & 1);
        }
    }
}
