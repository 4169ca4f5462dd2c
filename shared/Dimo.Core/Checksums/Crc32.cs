namespace Dimo.Core.Checksums
{
    /// <summary>
    /// CRC-32 as in IEEE 802.3 and zlib (reflected polynomial 0xEDB88320); "123456789" gives 0xCBF43926. It guards
    /// the compiled decoder table and the spool's records alike.
    /// </summary>
    public static class Crc32
    {
        public static uint Compute(byte[] data, int offset, int count)
        {
            uint crc = 0xFFFFFFFF;
            for (int i = offset; i < offset + count; i++)
            {
                crc ^= data[i];
                for (int k = 0; k < 8; k++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
                }
            }
            return ~crc;
        }
    }
}
