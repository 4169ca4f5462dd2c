using Dimo.Core.Obd.IsoTp;

namespace Dimo.Core.Tests.Obd.IsoTp;

public class Addressing_maps_ecus_to_iso_15765_4_ids
{
    [Fact]
    public void Eleven_bit_ecus_answer_on_7e8_plus_n_and_listen_on_7e0_plus_n()
    {
        var addressing = IsoTpAddressing.Standard11Bit;
        Assert.Equal(0x7DFu, addressing.FunctionalRequestId);
        Assert.Equal(0x7E9u, addressing.ResponseIdOf(1));
        Assert.Equal(0x7E1u, addressing.PhysicalRequestIdOf(1));
        Assert.Equal(0x7E3u, addressing.PhysicalRequestIdFor(0x7EB));
        Assert.True(addressing.IsResponseId(0x7EF, false));
        Assert.False(addressing.IsResponseId(0x7F0, false));
        Assert.False(addressing.IsResponseId(0x7E8, true));
        Assert.Equal(2, addressing.EcuOfPhysicalRequestId(0x7E2, false));
        Assert.Equal(-1, addressing.EcuOfPhysicalRequestId(0x7DF, false));
    }

    [Fact]
    public void Twenty_nine_bit_ecus_answer_on_18daf1xx_and_listen_on_18daxxf1()
    {
        var addressing = IsoTpAddressing.Extended29Bit;
        Assert.Equal(0x18DB33F1u, addressing.FunctionalRequestId);
        Assert.Equal(0x18DAF110u, addressing.ResponseIdOf(0x10));
        Assert.Equal(0x18DA10F1u, addressing.PhysicalRequestIdOf(0x10));
        Assert.Equal(0x18DA11F1u, addressing.PhysicalRequestIdFor(0x18DAF111));
        Assert.True(addressing.IsResponseId(0x18DAF111, true));
        Assert.False(addressing.IsResponseId(0x18DA11F1, true));
        Assert.Equal(0x11, addressing.EcuOfResponseId(0x18DAF111));
        Assert.Equal(0x10, addressing.EcuOfPhysicalRequestId(0x18DA10F1, true));
        Assert.Equal(-1, addressing.EcuOfPhysicalRequestId(0x18DB33F1, true));
    }
}
