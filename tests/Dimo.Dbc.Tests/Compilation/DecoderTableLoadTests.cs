using Dimo.Core.Can;
using Dimo.Core.Checksums;
using Dimo.Dbc.Compilation;
using Dimo.Dbc.Parsing;

namespace Dimo.Dbc.Tests.Compilation;

public class DecoderTableLoadTests
{
    private static byte[] Table() => DecoderTableCompiler.CompileAll(
        DbcParser.Parse("BO_ 100 M: 8 X\n SG_ A : 0|8@1+ (1,0) [0|0] \"\" X\n", "one.dbc")).Bytes;

    [Fact]
    public void A_flipped_bit_fails_the_checksum()
    {
        var bytes = Table();
        bytes[20] ^= 0x10;

        Assert.Equal("checksum mismatch", Assert.Throws<DecoderTableException>(() => DecoderTable.Load(bytes)).Reason);
    }

    [Fact]
    public void Another_version_is_rejected_even_with_a_valid_checksum()
    {
        var bytes = Table();
        bytes[4] = 2;
        Reseal(bytes);

        Assert.Equal("unsupported version 2", Assert.Throws<DecoderTableException>(() => DecoderTable.Load(bytes)).Reason);
    }

    [Fact]
    public void Bad_magic_and_truncation_are_rejected()
    {
        var bytes = Table();
        var wrongMagic = (byte[])bytes.Clone();
        wrongMagic[0] = (byte)'X';
        var truncated = bytes[..(bytes.Length - 10)];
        Reseal(truncated);

        Assert.Contains("magic", Assert.Throws<DecoderTableException>(() => DecoderTable.Load(wrongMagic)).Reason);
        Assert.Contains("truncated", Assert.Throws<DecoderTableException>(() => DecoderTable.Load(truncated)).Reason);
        Assert.Throws<DecoderTableException>(() => DecoderTable.Load(new byte[3]));
    }

    [Fact]
    public void A_signal_record_reaching_past_its_message_is_rejected()
    {
        var bytes = Table();
        int filterBlock = (bytes[5] & DecoderTableFormat.FlagFilters) != 0 ? DecoderTableFormat.FilterBlockSize : 0;
        int signalRecord = DecoderTableFormat.HeaderSize + filterBlock + DecoderTableFormat.MessageRecordSize;
        bytes[signalRecord] = 60; // start bit 60 + 8 bits > 8 bytes
        Reseal(bytes);

        Assert.Contains("does not fit", Assert.Throws<DecoderTableException>(() => DecoderTable.Load(bytes)).Reason);
    }

    private static void Reseal(byte[] bytes)
    {
        uint crc = Crc32.Compute(bytes, 0, bytes.Length - 4);
        BitConverter.GetBytes(crc).CopyTo(bytes, bytes.Length - 4);
    }
}
