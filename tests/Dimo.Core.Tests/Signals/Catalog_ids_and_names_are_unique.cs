using Dimo.Core.Signals;

namespace Dimo.Core.Tests.Signals;

/// <summary>
/// Ids are the wire contract and names the user's: two entries sharing either would make a reading ambiguous.
/// Several branches extend the catalog at once, so the guard lives in a test rather than in review.
/// </summary>
public sealed class Catalog_ids_and_names_are_unique
{
    [Fact]
    public void No_two_signals_share_an_id()
    {
        var repeated = SignalCatalog.All.GroupBy(s => s.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(repeated);
    }

    [Fact]
    public void No_two_signals_share_a_name()
    {
        var repeated = SignalCatalog.All.GroupBy(s => s.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(repeated);
    }

    [Fact]
    public void Every_id_fits_one_varint_byte()
    {
        Assert.All(SignalCatalog.All, s => Assert.InRange(s.Id, 1, 127));
    }

    [Fact]
    public void Lookups_by_id_and_by_name_find_the_same_entry()
    {
        foreach (var signal in SignalCatalog.All)
        {
            Assert.Same(signal, SignalCatalog.ById(signal.Id));
            Assert.Same(signal, SignalCatalog.ByName(signal.Name));
        }
    }

    [Fact]
    public void The_device_lookups_without_catalog_objects_agree_with_the_catalog()
    {
        foreach (var signal in SignalCatalog.All)
        {
            Assert.Equal(signal.Id, SignalCatalog.IdOf(signal.Name));
        }
        Assert.Equal(0, SignalCatalog.IdOf("speedo"));
        Assert.Equal(0, SignalCatalog.IdOf("spee"));
        Assert.Equal(0, SignalCatalog.IdOf(""));
        Assert.Equal(SignalCatalog.All.Length, SignalCatalog.Count);
        Assert.Equal(SignalCatalog.All.Max(s => s.Id), SignalCatalog.HighestId);
    }

    [Fact]
    public void Ids_are_in_ascending_order_so_the_device_can_search_them()
    {
        var ids = SignalCatalog.All.Select(s => (int)s.Id).ToList();
        Assert.Equal(ids.OrderBy(id => id), ids);
    }
}
