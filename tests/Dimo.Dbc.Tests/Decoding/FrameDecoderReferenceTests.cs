using Dimo.Core.Can;

namespace Dimo.Dbc.Tests.Decoding;

public class FrameDecoderReferenceTests
{
    private const int FramesPerMessage = 40;

    [Theory]
    [MemberData(nameof(OpenDbcFiles.All), MemberType = typeof(OpenDbcFiles))]
    public void Random_frames_decode_exactly_as_the_bit_by_bit_reference(string name)
    {
        var (dbc, table) = OpenDbcTables.Get(name);
        var decoder = new FrameDecoder(table);
        var result = decoder.CreateResult();
        var frame = new CanFrame();
        var random = new Random(name.GetHashCode(StringComparison.Ordinal));
        int checkedSignals = 0;

        foreach (var message in dbc.Messages.Where(m => m.Signals.Count > 0))
        {
            for (int n = 0; n < FramesPerMessage; n++)
            {
                var payload = new byte[message.Length];
                random.NextBytes(payload);
                frame.Set(message.Id, message.IsExtended, payload, 0, payload.Length);

                Assert.Equal(DecodeOutcome.Decoded, decoder.Decode(frame, result));

                var expected = ReferenceDecoder.PresentSignals(message, payload);
                Assert.Equal(expected.Count, result.Count);
                for (int i = 0; i < expected.Count; i++)
                {
                    var signal = expected[i];
                    Assert.Equal(signal.Name, table.SignalName(result.SignalIndexes[i]));
                    Assert.Equal(ReferenceDecoder.Raw(signal, payload), result.RawValues[i]);
                    Assert.Equal(ReferenceDecoder.Physical(signal, payload), result.Values[i]);
                    checkedSignals++;
                }
            }
        }
        Assert.True(checkedSignals > 0);
    }
}
