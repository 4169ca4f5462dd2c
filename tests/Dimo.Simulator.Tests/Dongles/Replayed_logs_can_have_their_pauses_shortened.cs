using Dimo.Simulator.Dongles;

namespace Dimo.Simulator.Tests.Dongles;

public class Replayed_logs_can_have_their_pauses_shortened
{
    [Fact]
    public void Pauses_longer_than_the_limit_shrink_to_it_and_shorter_gaps_and_the_frames_stay()
    {
        var log = CandumpLog.Parse([
            "(1674148739.000000) can0 112#FF0015",
            "(1674148739.200000) can0 14A#FFF1000007FFF124",
            "(1674148749.200000) can0 1AB#800073",
            "(1674148749.700000) can0 1CC#004029",
            "(1674148759.700000) can0 221#300000000000",
        ]);

        var shortened = log.WithPausesShortenedTo(1000);

        Assert.Equal([0L, 200, 1200, 1700, 2700], shortened.OffsetsMilliseconds);
        Assert.Equal(2701, shortened.DurationMilliseconds);
        Assert.Equal(log.Frames.Select(f => f.Id), shortened.Frames.Select(f => f.Id));
        Assert.Equal([0L, 200, 10200, 10700, 20700], log.OffsetsMilliseconds);
    }
}
