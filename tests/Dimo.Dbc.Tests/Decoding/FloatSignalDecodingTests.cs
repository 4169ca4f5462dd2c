using Dimo.Core.Can;
using Dimo.Dbc.Compilation;
using Dimo.Dbc.Parsing;

namespace Dimo.Dbc.Tests.Decoding;

public class FloatSignalDecodingTests
{
    [Theory]
    [InlineData(-1.5f)]
    [InlineData(3.4028235e38f)]
    [InlineData(1.0e-45f)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(0.1f)]
    public void Float_signals_decode_their_ieee_bits_then_scale(float value)
    {
        var dbc = DbcParser.Parse("""
            BO_ 100 F: 12 X
             SG_ SINGLE : 0|32@1- (2,1) [0|0] "" X
             SG_ DOUBLE : 32|64@1- (1,0) [0|0] "" X
            SIG_VALTYPE_ 100 SINGLE : 1;
            SIG_VALTYPE_ 100 DOUBLE : 2;
            """, "float.dbc");
        var decoder = new FrameDecoder(DecoderTable.Load(DecoderTableCompiler.CompileAll(dbc).Bytes));
        var result = decoder.CreateResult();
        var payload = new byte[12];
        BitConverter.GetBytes(value).CopyTo(payload, 0);
        BitConverter.GetBytes((double)value / 3).CopyTo(payload, 4);
        var frame = new CanFrame();
        frame.Set(100, false, payload, 0, 12);

        decoder.Decode(frame, result);

        Assert.Equal(value * 2.0 + 1, result.Values[0]);
        Assert.Equal((double)value / 3, result.Values[1]);
    }
}
