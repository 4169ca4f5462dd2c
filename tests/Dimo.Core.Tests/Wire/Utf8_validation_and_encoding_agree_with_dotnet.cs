using System.Text;
using Dimo.Core.Wire;

namespace Dimo.Core.Tests.Wire;

/// <summary>The core's strict UTF-8 agrees with .NET's, the reference.</summary>
public class Utf8_validation_and_encoding_agree_with_dotnet
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [Fact]
    public void Validation_agrees_with_dotnet_on_random_and_near_valid_bytes()
    {
        var random = new Random(6);
        for (int i = 0; i < 50_000; i++)
        {
            var bytes = i % 2 == 0 ? RandomBytes(random) : Mutated(random, Strict.GetBytes(RandomBatches.Text(random)));

            if (System.Text.Unicode.Utf8.IsValid(bytes) != Utf8.IsValid(bytes, 0, bytes.Length))
            {
                Assert.Fail("disagree on " + Convert.ToHexString(bytes));
            }
        }
    }

    [Fact]
    public void Encoding_agrees_with_dotnet()
    {
        var random = new Random(7);
        for (int i = 0; i < 5_000; i++)
        {
            string text = RandomBatches.Text(random);
            var buffer = new byte[1024];

            int length = Utf8.Encode(text, buffer, 3);

            Assert.Equal(Strict.GetBytes(text), buffer[3..(3 + length)]);
            Assert.Equal(length, Utf8.Encode(text, null!, 0));
        }
    }

    // Char codes rather than strings: xunit replaces lone surrogates in string arguments.
    [Theory]
    [InlineData(new[] { 0xD800 })]
    [InlineData(new[] { 0xDFFF })]
    [InlineData(new[] { 'a', 0xDBFF, 'b' })]
    [InlineData(new[] { 0xDC00, 0xD800 })]
    public void A_lone_surrogate_cannot_be_encoded(int[] chars)
    {
        string text = new(chars.Select(c => (char)c).ToArray());

        Assert.Equal(-1, Utf8.Encode(text, new byte[16], 0));
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 8)];
        // Weight towards the interesting lead and continuation bytes.
        for (int k = 0; k < bytes.Length; k++)
            bytes[k] = random.Next(3) == 0 ? (byte)random.Next(256) : (byte)(0x80 + random.Next(0x78));
        return bytes;
    }

    private static byte[] Mutated(Random random, byte[] bytes)
    {
        if (bytes.Length == 0) return bytes;
        bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        return bytes;
    }
}
