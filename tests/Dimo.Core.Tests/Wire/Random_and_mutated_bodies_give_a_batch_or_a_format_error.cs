using Dimo.Core.Wire;
using Dimo.Testing.Wire;
using Xunit.Abstractions;

namespace Dimo.Core.Tests.Wire;

/// <summary>
/// Whatever arrives, the reader returns a batch or throws BatchFormatException, and a batch it returns is the
/// one canonical encoding: writing it again gives the same bytes.
/// </summary>
public class Random_and_mutated_bodies_give_a_batch_or_a_format_error(ITestOutputHelper output)
{
    private const int Inputs = 105_000;

    [Fact]
    public void Random_and_mutated_bodies_give_a_batch_or_a_format_error_and_nothing_else()
    {
        var random = new Random(9);
        var writer = new BatchWriter();
        var corpus = Enumerable.Range(0, 64)
            .Select(i => writer.WriteBody((uint)random.Next(), (uint)random.Next(), RandomBatches.Readings(random, maxPerSignal: 12)))
            .Append(writer.WriteBody(ReferenceBatch.BootId, ReferenceBatch.Seq, ReferenceBatch.Readings()))
            .ToArray();
        var reader = new BatchReader();
        var outcomes = new Dictionary<string, int>();

        for (int i = 0; i < Inputs; i++)
        {
            var input = Mutate(random, corpus);
            string outcome;
            try
            {
                var batch = reader.ReadBody(input, 0, input.Length);
                if (!input.AsSpan().SequenceEqual(writer.WriteBody(batch.BootId, batch.Seq, batch.Readings)))
                {
                    Assert.Fail("accepted a non-canonical body: " + Convert.ToHexString(input));
                }
                outcome = "accepted";
            }
            catch (BatchFormatException error)
            {
                Assert.InRange(error.Offset, 0, input.Length);
                outcome = error.Reason.ToString();
            }
            catch (Exception other)
            {
                Assert.Fail($"{other.GetType().Name} for {Convert.ToHexString(input)}: {other}");
                throw;
            }
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        output.WriteLine(string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}")));
        // The mutations must reach every check, or the test proves little.
        Assert.Equal(
            ["BadMagic", "BadText", "NonCanonical", "OutOfRange", "TooLarge", "TrailingBytes", "Truncated", "UnknownSignal",
             "UnsupportedVersion", "accepted"],
            outcomes.Keys.Order(StringComparer.Ordinal));
        Assert.True(outcomes["accepted"] > Inputs / 100, $"only {outcomes["accepted"]} mutated bodies were valid");
    }

    private static byte[] Mutate(Random random, byte[][] corpus)
    {
        var body = corpus[random.Next(corpus.Length)];
        switch (random.Next(8))
        {
            case 0:
                var noise = new byte[random.Next(0, 80)];
                random.NextBytes(noise);
                if (noise.Length >= 2 && random.Next(2) == 0)
                {
                    noise[0] = WireFormat.Magic;
                    noise[1] = WireFormat.Version;
                }
                return noise;
            case 1:
                return body[..random.Next(body.Length)];
            case 2:
                var flipped = (byte[])body.Clone();
                for (int k = random.Next(1, 4); k > 0; k--)
                    flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                return flipped;
            case 3:
                var inserted = new List<byte>(body);
                for (int k = random.Next(1, 4); k > 0; k--)
                    inserted.Insert(random.Next(inserted.Count + 1), Interesting(random));
                return [.. inserted];
            case 4:
                var deleted = new List<byte>(body);
                for (int k = random.Next(1, 4); k > 0 && deleted.Count > 0; k--)
                    deleted.RemoveAt(random.Next(deleted.Count));
                return [.. deleted];
            case 5:
                var replaced = (byte[])body.Clone();
                replaced[random.Next(replaced.Length)] = Interesting(random);
                return replaced;
            case 6:
                var other = corpus[random.Next(corpus.Length)];
                return [.. body[..random.Next(body.Length)], .. other[random.Next(other.Length)..]];
            default:
                // A body padded past the size limit, or a very long valid-looking run of continuation bytes.
                return random.Next(2) == 0
                    ? [.. body, .. new byte[WireFormat.MaxBodyLength]]
                    : [.. body[..random.Next(2, body.Length)], .. Enumerable.Repeat((byte)0xFF, random.Next(1, 16))];
        }
    }

    private static byte Interesting(Random random) =>
        random.Next(2) == 0 ? (byte)random.Next(256) : new byte[] { 0x00, 0x01, 0x7F, 0x80, 0xFF, 0xC0, 0xED, 0x44 }[random.Next(8)];
}
