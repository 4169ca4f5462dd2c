namespace Dimo.Core.Dongle
{
    /// <summary>
    /// A region of NOR flash as the ESP32 has it: erased bytes read 0xFF, a write may only clear bits of
    /// erased bytes, and erasing works on whole sectors. The spool is written for exactly these rules, so an
    /// adapter over a raw flash partition needs no translation layer. A power cut may leave any prefix of
    /// an interrupted write (or erase) behind.
    /// </summary>
    public interface IFlash
    {
        /// <summary>Bytes in the region; a whole number of sectors.</summary>
        int Size { get; }

        /// <summary>Bytes erased at once (the spool's segment size; an ESP32 adapter may group several 4 KiB sectors).</summary>
        int SectorSize { get; }

        void Read(int address, byte[] buffer, int offset, int count);

        /// <summary>Programs erased bytes.</summary>
        void Write(int address, byte[] data, int offset, int count);

        /// <summary>Sets every byte of the sector that starts at <paramref name="sectorAddress"/> to 0xFF.</summary>
        void EraseSector(int sectorAddress);
    }
}
