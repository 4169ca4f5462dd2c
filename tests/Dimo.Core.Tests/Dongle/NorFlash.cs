using Dimo.Core.Dongle;

namespace Dimo.Core.Tests.Dongle;

/// <summary>In-memory flash with NOR rules: erased bytes are 0xFF and programming an unerased byte is a bug.</summary>
public sealed class NorFlash(int sectorSize, int sectorCount) : IFlash
{
    private readonly byte[] _bytes = Enumerable.Repeat((byte)0xFF, sectorSize * sectorCount).ToArray();

    public int Size => _bytes.Length;
    public int SectorSize => sectorSize;
    public int Writes { get; private set; }

    public void Read(int address, byte[] buffer, int offset, int count) => Array.Copy(_bytes, address, buffer, offset, count);

    public void Write(int address, byte[] data, int offset, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (_bytes[address + i] != 0xFF)
                throw new InvalidOperationException($"programming byte {address + i}, which is not erased");
            _bytes[address + i] = data[offset + i];
        }
        Writes++;
    }

    public void EraseSector(int sectorAddress)
    {
        if (sectorAddress % sectorSize != 0)
            throw new ArgumentException("not a sector start", nameof(sectorAddress));
        Array.Fill(_bytes, (byte)0xFF, sectorAddress, sectorSize);
    }
}
