using Dimo.Core.Dongle;

namespace Dimo.Core.Tests.Dongle;

/// <summary>Where the spool keeps its log: raw NOR flash, or files on the device's drive (FileFlash over a file store).</summary>
public enum FlashModel
{
    Nor,
    Files,
}

/// <summary>
/// The spool's storage in one model, with power cuts on demand; it outlives the spool, as the flash outlives a
/// reboot. <see cref="Boot"/> gives the flash as a booting device sees it: the same NOR region, or a fresh file
/// adapter over the same files (the device builds a new one at boot).
/// </summary>
public sealed class SpoolStorage
{
    private readonly TearingFlash? _nor;
    private readonly TearingFileStore? _files;
    private readonly int _sectorSize;
    private readonly int _sectorCount;

    public SpoolStorage(FlashModel model, int sectorSize = 4096, int sectorCount = 4)
    {
        Model = model;
        _sectorSize = sectorSize;
        _sectorCount = sectorCount;
        if (model == FlashModel.Nor)
            _nor = new TearingFlash(new MemoryFlash(sectorSize, sectorCount));
        else
            _files = new TearingFileStore(Store);
    }

    public static TheoryData<FlashModel> Models => new() { FlashModel.Nor, FlashModel.Files };

    public FlashModel Model { get; }

    /// <summary>The files under the file model (null for NOR).</summary>
    public MemoryFileStore Store { get; } = new();

    /// <summary>The write (NOR) or append (files) after <paramref name="intactWrites"/> more keeps only <paramref name="bytesKept"/> bytes, then power is lost.</summary>
    public void TearAfter(int intactWrites, int bytesKept)
    {
        if (_nor != null)
            _nor.TearAfter(intactWrites, bytesKept);
        else
            _files!.TearAfter(intactWrites, bytesKept);
    }

    public IFlash Boot() => _nor ?? (IFlash)new FileFlash(_files!, "spool", _sectorSize, _sectorCount);
}
