namespace Dimo.Core.Dongle
{
    /// <summary>
    /// The spool's flash on a filesystem: sector i is the file <c>prefix + i</c> (two digits), erasing it deletes
    /// the file, and programming erased bytes appends to it (bytes past a file's end read 0xFF, as erased NOR
    /// does). The spool only ever writes a segment from its start onwards, so every write lands at a file's end,
    /// and the file model's power cut (the append's tail lost, shared/docs/spool-on-flash.md) looks to the spool
    /// exactly like a NOR write torn after some bytes: the record's CRC fails or the record is missing, and the
    /// spool's replay already handles both. A write below a file's end is refused like programming without an
    /// erase. Lengths are kept in memory after the first look, since only this adapter writes these files.
    /// </summary>
    public sealed class FileFlash : IFlash
    {
        private static readonly byte[] Erased = new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };

        private readonly IFileStore _store;
        private readonly int _sectorSize;
        private readonly string[] _names;
        private readonly int[] _lengths;

        /// <summary><paramref name="sectorCount"/> files of at most <paramref name="sectorSize"/> bytes, named <paramref name="prefix"/>00, 01, ...</summary>
        public FileFlash(IFileStore store, string prefix, int sectorSize, int sectorCount)
        {
            if (store == null || prefix == null)
            {
                throw new System.ArgumentNullException(store == null ? "store" : "prefix");
            }
            if (sectorSize < 1 || sectorCount < 1 || sectorCount > 100)
            {
                throw new System.ArgumentOutOfRangeException("sectorCount", "1 to 100 sectors of a positive size");
            }
            _store = store;
            _sectorSize = sectorSize;
            _names = new string[sectorCount];
            _lengths = new int[sectorCount];
            for (int i = 0; i < sectorCount; i++)
            {
                _names[i] = prefix + (i < 10 ? "0" : "") + i.ToString();
                int length = store.Length(_names[i]);
                _lengths[i] = length < 0 ? 0 : length;
            }
        }

        public int Size
        {
            get { return _sectorSize * _names.Length; }
        }

        public int SectorSize
        {
            get { return _sectorSize; }
        }

        public void Read(int address, byte[] buffer, int offset, int count)
        {
            int sector = SectorOf(address, count);
            int position = address - sector * _sectorSize;
            int stored = _lengths[sector] - position;
            int read = 0;
            if (stored > 0)
            {
                read = _store.Read(_names[sector], position, buffer, offset, stored < count ? stored : count);
            }
            for (int i = read; i < count; i++)
            {
                buffer[offset + i] = 0xFF;
            }
        }

        public void Write(int address, byte[] data, int offset, int count)
        {
            int sector = SectorOf(address, count);
            int position = address - sector * _sectorSize;
            if (position < _lengths[sector])
            {
                throw new System.InvalidOperationException(string.Concat("flash byte ", address.ToString(), " is programmed without an erase"));
            }
            string name = _names[sector];
            while (_lengths[sector] < position)
            {
                // A gap (the spool never leaves one) reads as erased: fill it so the append lands where asked.
                int gap = position - _lengths[sector];
                int chunk = gap < Erased.Length ? gap : Erased.Length;
                _store.Append(name, Erased, 0, chunk);
                _lengths[sector] += chunk;
            }
            // Counted before the append: if power is cut mid-way the length is unknown, and the spool is rebuilt anyway.
            _lengths[sector] += count;
            _store.Append(name, data, offset, count);
        }

        public void EraseSector(int sectorAddress)
        {
            if (sectorAddress % _sectorSize != 0)
            {
                throw new System.ArgumentException("not the start of a sector", "sectorAddress");
            }
            int sector = SectorOf(sectorAddress, 0);
            _store.Delete(_names[sector]);
            _lengths[sector] = 0;
        }

        private int SectorOf(int address, int count)
        {
            int sector = address / _sectorSize;
            if (address < 0 || sector >= _names.Length || address + count > (sector + 1) * _sectorSize)
            {
                throw new System.ArgumentOutOfRangeException("address", "an access must stay inside one sector of the region");
            }
            return sector;
        }
    }
}
