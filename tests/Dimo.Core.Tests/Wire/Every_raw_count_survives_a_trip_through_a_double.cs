using Dimo.Core.Signals;
using Dimo.Core.Wire;

namespace Dimo.Core.Tests.Wire;

/// <summary>The raw limit is chosen so that raw → value → raw is exact; a decoded batch must re-encode unchanged.</summary>
public class Every_raw_count_survives_a_trip_through_a_double
{
    [Fact]
    public void Every_raw_count_within_the_limit_survives_a_trip_through_a_double_for_every_signal()
    {
        var random = new Random(8);
        foreach (var signal in SignalCatalog.All.Where(s => s.Kind == SignalKind.Number))
        {
            long[] edges = [0, 1, -1, WireFormat.MaxRaw, -WireFormat.MaxRaw, WireFormat.MaxRaw - 1, -WireFormat.MaxRaw + 1];
            var raws = edges.Concat(Enumerable.Range(0, 5_000).Select(_ => RandomBatches.NextLong(random, -WireFormat.MaxRaw, WireFormat.MaxRaw)));
            foreach (long raw in raws)
            {
                Assert.Equal(raw, signal.ToRaw(signal.ToValue(raw)));
            }
        }
    }
}
