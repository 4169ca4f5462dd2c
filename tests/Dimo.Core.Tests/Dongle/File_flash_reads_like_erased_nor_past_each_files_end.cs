using Dimo.Core.Dongle;

namespace Dimo.Core.Tests.Dongle;

public class File_flash_reads_like_erased_nor_past_each_files_end
{
    [Fact]
    public void Sectors_are_files_and_bytes_past_a_files_end_read_as_erased()
    {
        var files = new MemoryFileStore();
        var flash = new FileFlash(files, "spool", 256, 3);
        flash.Write(256, [1, 2, 3], 0, 3);

        var buffer = new byte[6];
        flash.Read(256, buffer, 0, 6);
        Assert.Equal([1, 2, 3, 0xFF, 0xFF, 0xFF], buffer);
        Assert.Equal(3, files.Length("spool01"));
        Assert.Equal(-1, files.Length("spool00"));
        flash.Read(0, buffer, 0, 6);
        Assert.All(buffer, b => Assert.Equal(0xFF, b));
    }

    [Fact]
    public void Programming_below_a_files_end_is_refused_until_the_sector_is_erased()
    {
        var files = new MemoryFileStore();
        var flash = new FileFlash(files, "spool", 256, 2);
        flash.Write(0, [1, 2, 3], 0, 3);

        Assert.Throws<InvalidOperationException>(() => flash.Write(2, [9], 0, 1));
        flash.EraseSector(0);
        Assert.Equal(-1, files.Length("spool00"));
        flash.Write(0, [7], 0, 1);
        var buffer = new byte[2];
        flash.Read(0, buffer, 0, 2);
        Assert.Equal([7, 0xFF], buffer);
    }

    [Fact]
    public void A_write_past_a_files_end_fills_the_gap_with_erased_bytes()
    {
        var files = new MemoryFileStore();
        var flash = new FileFlash(files, "spool", 256, 1);
        flash.Write(20, [5], 0, 1);

        var buffer = new byte[21];
        flash.Read(0, buffer, 0, 21);
        Assert.All(buffer[..20], b => Assert.Equal(0xFF, b));
        Assert.Equal(5, buffer[20]);
        Assert.Equal(21, files.Length("spool00"));
    }

    [Fact]
    public void An_access_across_a_sector_boundary_is_refused()
    {
        var flash = new FileFlash(new MemoryFileStore(), "spool", 256, 2);

        Assert.Throws<ArgumentOutOfRangeException>(() => flash.Write(250, new byte[10], 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => flash.Read(500, new byte[20], 0, 20));
    }

    [Fact]
    public void A_new_adapter_over_the_same_files_sees_what_was_written()
    {
        var files = new MemoryFileStore();
        var spool = new Spool(new FileFlash(files, "spool", 1024, 4));
        uint seq = spool.TakeSequence();
        spool.Append(seq, [4, 5, 6]);

        var rebooted = new Spool(new FileFlash(files, "spool", 1024, 4));

        Assert.Equal(2u, rebooted.BootId);
        Assert.Equal([4, 5, 6], rebooted.ReadPending(0));
    }
}
