using Dimo.Core.Can.Mcp2515;

namespace Dimo.Core.Tests.Can.Mcp2515;

public class Filters_admit_the_table_ids_and_obd_answers
{
    private const uint Extended = 0x80000000;

    // Buffer 0: exactly 0x1A0 or 0x158; buffer 1: 0x7E8-0x7EF (mask 0x7F8).
    private static readonly uint[] WithObd = [0x7FF, 0x7F8, 0x1A0, 0x158, 0x7E8, 0x7E8, 0x7E8, 0x7E8];
    private static readonly uint[] WithoutObd = [0x7FF, 0x7FF, 0x1A0, 0x158, 0x0C8, 0x0C8, 0x0C8, 0x0C8];

    [Fact]
    public void A_frame_passes_when_one_filter_of_its_kind_matches_under_its_buffers_mask()
    {
        Assert.True(Mcp2515Filters.Admits(WithObd, 0x1A0, false));
        Assert.True(Mcp2515Filters.Admits(WithObd, 0x7EC, false));
        Assert.False(Mcp2515Filters.Admits(WithObd, 0x1A1, false));
        Assert.False(Mcp2515Filters.Admits(WithObd, 0x1A0, true));
        Assert.True(Mcp2515Filters.Admits(null!, 0x123, true));
    }

    [Fact]
    public void Table_filters_are_kept_when_they_admit_the_obd_answers_or_polling_is_off()
    {
        Assert.Same(WithObd, Mcp2515Filters.ForDongle(WithObd, obdPolling: true, obdExtended: false, out bool opened));
        Assert.False(opened);
        Assert.Same(WithoutObd, Mcp2515Filters.ForDongle(WithoutObd, obdPolling: false, obdExtended: false, out opened));
        Assert.False(opened);
    }

    [Fact]
    public void Filters_that_would_drop_obd_answers_are_opened_rather_than_lose_them()
    {
        Assert.Null(Mcp2515Filters.ForDongle(WithoutObd, obdPolling: true, obdExtended: false, out bool opened));
        Assert.True(opened);
        // 29-bit answers 0x18DAF1xx: the 11-bit filters do not admit them.
        Assert.Null(Mcp2515Filters.ForDongle(WithObd, obdPolling: true, obdExtended: true, out opened));
        Assert.True(opened);
        uint[] extended = [Extended | 0x1FFFFF00, Extended | 0x1FFFFF00, Extended | 0x18DAF100, Extended | 0x18DAF100,
                           Extended | 0x18DAF100, Extended | 0x18DAF100, Extended | 0x18DAF100, Extended | 0x18DAF100];
        Assert.True(Mcp2515Filters.AdmitsObdResponses(extended, extended: true));
    }

    [Fact]
    public void Words_are_encoded_as_sidh_sidl_eid8_eid0()
    {
        var registers = new byte[8];
        Mcp2515Filters.Encode(0x7E8, registers, 0);
        Mcp2515Filters.Encode(Extended | 0x18DAF110, registers, 4);

        Assert.Equal(new byte[] { 0xFD, 0x00, 0x00, 0x00 }, registers[..4]);
        // SID = 0x18DAF110 >> 18 = 0x636: SIDH 0xC6, SIDL 110 EXIDE 1 + EID17-16 = 0b10 -> 0xCA; EID 0xF110.
        Assert.Equal(new byte[] { 0xC6, 0xCA, 0xF1, 0x10 }, registers[4..]);
    }
}
