namespace Dimo.Cli.Tests.Commands.Decode;

public class Decode_prints_the_signals_the_multiplexer_selects(DecodeFixture fixture) : IClassFixture<DecodeFixture>
{
    [Fact]
    public void The_multiplexer_selects_which_multiplexed_signals_print()
    {
        var (frames, _) = fixture.Decode(
            "(1) can0 200#01070A0000000000",
            "(2) can0 200#0207FEFF00000000");

        Assert.Equal(["MUX", "ALWAYS", "A"], DecodeFixture.Signals(frames[0]).Keys);
        Assert.Equal(1.0, DecodeFixture.Signals(frames[0])["A"], 12);
        Assert.Equal(["MUX", "ALWAYS", "B"], DecodeFixture.Signals(frames[1]).Keys);
        Assert.Equal(-2, DecodeFixture.Signals(frames[1])["B"]);
    }

    [Fact]
    public void A_multiplexer_value_that_selects_nothing_prints_only_the_plain_signals()
    {
        var (frames, _) = fixture.Decode("(1) can0 200#0907000000000000");

        var signals = DecodeFixture.Signals(Assert.Single(frames));
        Assert.Equal(["MUX", "ALWAYS"], signals.Keys);
        Assert.Equal(9, signals["MUX"]);
        Assert.Equal(7, signals["ALWAYS"]);
    }
}
