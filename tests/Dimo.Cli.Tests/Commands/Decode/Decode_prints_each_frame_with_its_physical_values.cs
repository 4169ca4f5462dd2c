namespace Dimo.Cli.Tests.Commands.Decode;

public class Decode_prints_each_frame_with_its_physical_values(DecodeFixture fixture) : IClassFixture<DecodeFixture>
{
    [Fact]
    public void A_frame_prints_its_timestamp_id_message_and_physical_signal_values()
    {
        // RPM Motorola 0x1F40 * 0.25 = 2000; TEMP signed 0xF6 = -10 → -10*0.5-40 = -45; GEAR 3; LIMITED 200 (not clamped to max 10).
        var (frames, _) = fixture.Decode("(1674152263.123456) can0 100#1F40F603C8000000");

        var frame = Assert.Single(frames);
        Assert.Equal("1674152263.123456", frame.GetProperty("t").GetRawText());
        Assert.Equal(256, frame.GetProperty("id").GetInt32());
        Assert.Equal("ENGINE", frame.GetProperty("msg").GetString());
        var signals = DecodeFixture.Signals(frame);
        Assert.Equal(2000, signals["RPM"]);
        Assert.Equal(-45, signals["TEMP"]);
        Assert.Equal(200, signals["LIMITED"]);
    }

    [Fact]
    public void A_choice_table_signal_prints_its_number_not_its_label()
    {
        var (frames, _) = fixture.Decode("(1.0) can0 100#0000000300000000");

        Assert.Equal(3, DecodeFixture.Signals(Assert.Single(frames))["GEAR"]);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, frames[0].GetProperty("signals").GetProperty("GEAR").ValueKind);
    }

    [Fact]
    public void A_line_without_a_timestamp_prints_t_null()
    {
        var (frames, _) = fixture.Decode("can0  100   [8]  1F 40 F6 03 C8 00 00 00");

        Assert.Equal(System.Text.Json.JsonValueKind.Null, Assert.Single(frames).GetProperty("t").ValueKind);
        Assert.Equal(2000, DecodeFixture.Signals(frames[0])["RPM"]);
    }

    [Fact]
    public void Values_print_in_shortest_round_trip_form()
    {
        // A m1: raw 3 * 0.1 = 0.30000000000000004 in binary floating point, printed so it parses back exactly.
        var (frames, _) = fixture.Decode("(2) can0 200#0100030000000000");

        var text = Assert.Single(frames).GetProperty("signals").GetProperty("A").GetRawText();
        Assert.Equal(3 * 0.1, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((3 * 0.1).ToString("R", System.Globalization.CultureInfo.InvariantCulture), text);
    }
}
