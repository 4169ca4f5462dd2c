using Dimo.Core.Dongle;

namespace Dimo.Core.Tests.Dongle;

/// <summary>Loses power during a chosen write: only the first bytes of it reach the flash, then it throws.</summary>
public sealed class TearingFlash(IFlash inner) : IFlash
{
    private int _writesUntilTear = -1;
    private int _bytesKept;

    public int Size => inner.Size;
    public int SectorSize => inner.SectorSize;

    /// <summary>The write after <paramref name="intactWrites"/> more keeps only <paramref name="bytesKept"/> bytes.</summary>
    public void TearAfter(int intactWrites, int bytesKept)
    {
        _writesUntilTear = intactWrites;
        _bytesKept = bytesKept;
    }

    public void Read(int address, byte[] buffer, int offset, int count) => inner.Read(address, buffer, offset, count);

    public void Write(int address, byte[] data, int offset, int count)
    {
        if (_writesUntilTear == 0)
        {
            _writesUntilTear = -1;
            inner.Write(address, data, offset, Math.Min(count, _bytesKept));
            throw new PowerLossException();
        }
        if (_writesUntilTear > 0)
            _writesUntilTear--;
        inner.Write(address, data, offset, count);
    }

    public void EraseSector(int sectorAddress) => inner.EraseSector(sectorAddress);
}

public sealed class PowerLossException() : Exception("power lost during a flash write");
