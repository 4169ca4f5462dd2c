namespace Dimo.Core.Dongle
{
    /// <summary>
    /// Flash in RAM with NOR rules (erased = 0xFF; programming a byte that is not erased is refused), for
    /// virtual dongles and tests. Contents last as long as the object, i.e. across simulated reboots.
    /// </summary>
    public sealed class MemoryFlash : IFlash
    {
        private readonly byte[] _bytes;
        private readonly int _sectorSize;

        public MemoryFlash(int sectorSize, int sectorCount)
        {
            if (sectorSize < 1 || sectorCount < 1)
            {
                throw new System.ArgumentOutOfRangeException("sectorSize", "sectors and their size must be positive");
            }
            _sectorSize = sectorSize;
            _bytes = new byte[sectorSize * sectorCount];
            for (int i = 0; i < _bytes.Length; i++)
            {
                _bytes[i] = 0xFF;
            }
        }

        public int Size
        {
            get { return _bytes.Length; }
        }

        public int SectorSize
        {
            get { return _sectorSize; }
        }

        public void Read(int address, byte[] buffer, int offset, int count)
        {
            System.Array.Copy(_bytes, address, buffer, offset, count);
        }

        public void Write(int address, byte[] data, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (_bytes[address + i] != 0xFF)
                {
                    throw new System.InvalidOperationException(string.Concat("flash byte ", (address + i).ToString(), " is programmed without an erase"));
                }
                _bytes[address + i] = data[offset + i];
            }
        }

        public void EraseSector(int sectorAddress)
        {
            if (sectorAddress % _sectorSize != 0)
            {
                throw new System.ArgumentException("not the start of a sector", "sectorAddress");
            }
            for (int i = 0; i < _sectorSize; i++)
            {
                _bytes[sectorAddress + i] = 0xFF;
            }
        }
    }
}
