using Dimo.Core.Can;
using Dimo.Dbc.Filters;

namespace Dimo.Dbc.Tests.Filters;

public class AcceptanceFilterPlannerTests
{
    [Fact]
    public void Six_or_fewer_standard_ids_are_accepted_exactly()
    {
        uint[] ids = [0x158, 0x17C, 0x1D0, 0x309, 0x405, 0x516];

        var plan = AcceptanceFilterPlanner.Plan(ids);

        Assert.Equal(6, plan.AcceptedIdCount);
        Assert.Equal(0, plan.ExtraIdCount);
        Assert.All(ids, id => Assert.True(plan.Accepts(id)));
        Assert.False(plan.Accepts(0x159));
    }

    [Fact]
    public void A_block_of_neighbouring_ids_shares_one_masked_filter()
    {
        var ids = Enumerable.Range(0x1A0, 16).Select(i => (uint)i).Concat([0x300u, 0x301u, 0x302u]).ToList();

        var plan = AcceptanceFilterPlanner.Plan(ids);

        Assert.All(ids, id => Assert.True(plan.Accepts(id)));
        Assert.Equal(Enumerable.Range(0, 0x800).Count(id => plan.Accepts((uint)id)), plan.AcceptedIdCount);
        Assert.InRange(plan.AcceptedIdCount, ids.Count, ids.Count + 1);
        Assert.Equal(6, plan.Filters.Count);
    }

    [Fact]
    public void Standard_and_extended_ids_get_one_buffer_each()
    {
        uint ext = 0x18FEF100 | DecoderTableFormat.ExtendedFlag;
        uint[] keys = [0x100, 0x200, ext];

        var plan = AcceptanceFilterPlanner.Plan(keys);

        Assert.All(keys, key => Assert.True(plan.Accepts(key)));
        Assert.False(plan.Accepts(0x101));
        Assert.False(plan.Accepts(0x100 | DecoderTableFormat.ExtendedFlag));
        Assert.Equal(3, plan.AcceptedIdCount);
    }
}
