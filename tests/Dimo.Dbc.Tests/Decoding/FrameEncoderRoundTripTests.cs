using Dimo.Core.Can;
using Dimo.Testing.Can;

namespace Dimo.Dbc.Tests.Decoding;

public class FrameEncoderRoundTripTests
{
    [Theory]
    [MemberData(nameof(OpenDbcFiles.All), MemberType = typeof(OpenDbcFiles))]
    public void Random_raw_values_survive_encode_then_decode_for_every_signal(string name)
    {
        var (dbc, table) = OpenDbcTables.Get(name);
        var decoder = new FrameDecoder(table);
        var encoder = new FrameEncoder(table);
        var result = decoder.CreateResult();
        var frame = new CanFrame();
        var random = new Random(17);

        for (int m = 0; m < table.MessageCount; m++)
        {
            int multiplexer = table.MessageMultiplexer(m);
            for (int s = table.MessageFirstSignal(m); s < table.MessageFirstSignal(m) + table.MessageSignalCount(m); s++)
            {
                for (int n = 0; n < 8; n++)
                {
                    long raw = RandomRaw(random, table.SignalBitLength(s), table.SignalIsSigned(s));
                    encoder.Begin(m, frame);
                    if (table.SignalIsMultiplexed(s))
                        encoder.WriteRaw(multiplexer, table.SignalMultiplexValue(s), frame);
                    encoder.WriteRaw(s, raw, frame);

                    Assert.Equal(DecodeOutcome.Decoded, decoder.Decode(frame, result));
                    int at = Array.IndexOf(result.SignalIndexes, s, 0, result.Count);
                    Assert.True(at >= 0, $"{table.SignalName(s)} not decoded");
                    Assert.Equal(raw, result.RawValues[at]);
                    Assert.Equal(0, BitsSetOutside(frame, table, s, multiplexer));
                }
            }
        }
    }

    [Fact]
    public void A_physical_value_on_the_signal_grid_round_trips_through_the_encoder()
    {
        var (dbc, table) = OpenDbcTables.Get("honda_civic_hatchback_ex_2017_can_generated.dbc");
        var message = dbc.FindMessage("STEERING_SENSORS")!;
        int m = OpenDbcTables.MessageIndex(table, message);
        int s = table.MessageFirstSignal(m) + message.Signals.FindIndex(x => x.Name == "STEER_ANGLE");
        var encoder = new FrameEncoder(table);
        var decoder = new FrameDecoder(table);
        var result = decoder.CreateResult();
        var frame = new CanFrame();

        encoder.Begin(m, frame);
        encoder.WritePhysical(s, -274.3, frame);
        decoder.Decode(frame, result);

        int at = Array.IndexOf(result.SignalIndexes, s, 0, result.Count);
        Assert.Equal(-274.3, result.Values[at], 9);
    }

    private static long RandomRaw(Random random, int length, bool signed)
    {
        ulong bits = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
        bits = CanBits.Truncate(bits, length);
        return signed ? CanBits.SignExtend(bits, length) : (long)bits;
    }

    // Counts payload bits that belong to neither the signal nor the multiplexer: encoding must touch only its own bits.
    private static int BitsSetOutside(CanFrame frame, DecoderTable table, int signal, int multiplexer)
    {
        var own = new CanFrame();
        own.Length = frame.Length;
        CanBits.Write(own.Data, table.SignalFirstPosition(signal), table.SignalBitLength(signal), table.SignalIsBigEndian(signal), ulong.MaxValue);
        if (multiplexer >= 0)
            CanBits.Write(own.Data, table.SignalFirstPosition(multiplexer), table.SignalBitLength(multiplexer), table.SignalIsBigEndian(multiplexer), ulong.MaxValue);
        int outside = 0;
        for (int i = 0; i < frame.Length; i++)
            outside += System.Numerics.BitOperations.PopCount((uint)(frame.Data[i] & ~own.Data[i]));
        return outside;
    }
}
