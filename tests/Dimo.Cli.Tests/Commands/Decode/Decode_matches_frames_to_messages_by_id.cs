namespace Dimo.Cli.Tests.Commands.Decode;

public class Decode_matches_frames_to_messages_by_id(DecodeFixture fixture) : IClassFixture<DecodeFixture>
{
    [Fact]
    public void Extended_frames_match_messages_written_with_or_without_the_extended_flag()
    {
        var (frames, summary) = fixture.Decode(
            "(1) can0 18FEF100#2A00000000000000",
            "(2) can0 000033DA#01020304");

        Assert.Equal(2, frames.Count);
        Assert.Equal(0x18FEF100, frames[0].GetProperty("id").GetInt64());
        Assert.Equal("EXT_FLAGGED", frames[0].GetProperty("msg").GetString());
        Assert.Equal(13274, frames[1].GetProperty("id").GetInt64());
        Assert.Equal(0x04030201, DecodeFixture.Signals(frames[1])["Y"]);
        Assert.StartsWith("decoded 2,", summary);
    }

    [Fact]
    public void Unknown_ids_short_frames_and_malformed_lines_are_skipped_and_counted()
    {
        var (frames, summary) = fixture.Decode(
            "(1) can0 7FF#00",
            "(2) can0 100#1F40",
            "this is not a frame",
            "(3) can0 100#1F40F603C8000000",
            "",
            "(4) can0 100#ZZ");

        Assert.Single(frames);
        Assert.Equal("decoded 1, unknown 1, short 1, malformed 2", summary);
    }

    [Fact]
    public void A_longer_frame_decodes_and_ignores_the_extra_bytes()
    {
        var (frames, summary) = fixture.Decode("(1) can0 000033DA#0102030405060708", "(2) can0 100##11F40F603C8000000AABBCCDD");

        Assert.Equal(2, frames.Count);
        Assert.Equal(0x04030201, DecodeFixture.Signals(frames[0])["Y"]);
        Assert.Equal(2000, DecodeFixture.Signals(frames[1])["RPM"]);
        Assert.StartsWith("decoded 2, unknown 0, short 0", summary);
    }

    [Fact]
    public void Can_fd_frames_decode_messages_longer_than_8_bytes()
    {
        var (frames, _) = fixture.Decode("(1) can0 400##1000000000000000078563412");

        Assert.Equal(0x12345678, DecodeFixture.Signals(Assert.Single(frames))["Z"]);
    }
}
