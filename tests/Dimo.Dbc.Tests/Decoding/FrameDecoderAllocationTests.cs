using Dimo.Core.Can;
using Dimo.Testing;

namespace Dimo.Dbc.Tests.Decoding;

public class FrameDecoderAllocationTests
{
    [Fact]
    public void Decoding_allocates_nothing_per_frame()
    {
        var (dbc, table) = OpenDbcTables.Get("vw_mqb.dbc");
        var decoder = new FrameDecoder(table);
        var result = decoder.CreateResult();
        var random = new Random(5);
        var frames = dbc.Messages.Where(m => m.Signals.Count > 0).Select(m =>
        {
            var payload = new byte[m.Length];
            random.NextBytes(payload);
            var frame = new CanFrame();
            frame.Set(m.Id, m.IsExtended, payload, 0, payload.Length);
            return frame;
        }).Append(Unknown()).ToArray();
        int decodedSignals = 0;

        long allocated = SteadyStateAllocations.Measure(() =>
        {
            decodedSignals = 0;
            for (int round = 0; round < 200; round++)
            {
                foreach (var frame in frames)
                {
                    decoder.Decode(frame, result);
                    decodedSignals += result.Count;
                }
            }
        });

        Assert.True(decodedSignals > 200_000, $"only {decodedSignals} signals decoded");
        Assert.Equal(0, allocated);
    }

    private static CanFrame Unknown()
    {
        var frame = new CanFrame();
        frame.Set(0x7FF, false, new byte[8], 0, 8);
        return frame;
    }
}
