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
}
