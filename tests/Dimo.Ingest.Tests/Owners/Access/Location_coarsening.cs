using Dimo.Ingest.Owners.Access;
using Dimo.Ingest.Owners.Grants;
using Dimo.Ingest.Storage;

namespace Dimo.Ingest.Tests.Owners.Access;

public sealed class Location_coarsening
{
    [Theory]
    [InlineData(525200066, 525250000)] // 52.5200066° → centre of 52.52..52.53
    [InlineData(525299999, 525250000)]
    [InlineData(525300000, 525350000)]
    [InlineData(-1276000, -1250000)] // -0.1276° → centre of -0.13..-0.12 (floor, not truncation)
    [InlineData(-100000, -50000)]
    [InlineData(0, 50000)]
    public void A_point_snaps_to_the_centre_of_its_hundredth_of_a_degree_cell(long raw, long expected)
    {
        var coarse = LocationCoarsening.Coarsen(new SignalValue(7, 1, raw, null));
        Assert.Equal(expected, coarse.Raw);
        Assert.Equal(coarse, LocationCoarsening.Coarsen(coarse)); // the same cell again: stable
    }

    [Fact]
    public void Permission_bits_follow_DIMOs_two_bit_pairs()
    {
        Assert.Equal(0b1100, PermissionSet.Of(Permission.NonLocationHistory).Bits);
        Assert.Equal(0x3_0000, PermissionSet.Of(Permission.ApproximateLocation).Bits);
        Assert.Equal([Permission.CurrentLocation, Permission.RawData], PermissionSet.FromUInt256(0xC0C0).List());
        Assert.Throws<FormatException>(() => PermissionSet.FromUInt256(0b0100)); // half a pair
        Assert.Throws<FormatException>(() => PermissionSet.FromUInt256(0b0011)); // id 0 is not a permission
        Assert.Throws<FormatException>(() => PermissionSet.FromUInt256(0b11_0000)); // id 2 is not one here
    }
}
