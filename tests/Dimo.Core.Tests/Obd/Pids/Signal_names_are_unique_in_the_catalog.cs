using Dimo.Core.Signals;

namespace Dimo.Core.Tests.Obd.Pids;

/// <summary>The PID table finds its signals by name, so a name listed twice would silently pick the first id.</summary>
public class Signal_names_are_unique_in_the_catalog
{
    [Fact]
    public void No_name_or_id_appears_twice()
    {
        Assert.Empty(SignalCatalog.All.GroupBy(s => s.Name).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Empty(SignalCatalog.All.GroupBy(s => s.Id).Where(g => g.Count() > 1).Select(g => g.Key));
    }
}
