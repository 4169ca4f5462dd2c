using System.Text;
using Dimo.Core.Signals;
using Dimo.Core.Wire;

namespace Dimo.Core.Tests.Wire;

/// <summary>Random but valid readings from a seeded generator: any signals, times, values and texts the format allows.</summary>
internal static class RandomBatches
{
    private static readonly string[] TextPieces = ["A", "z", "0", " ", ",", "P0301", "é", "ß", "中", "🚗", "\u0000", "\uFEFF", "\u07FF", "\uFFFD"];

    public static Reading[] Readings(Random random, int maxPerSignal = 40)
    {
        var signals = SignalCatalog.All;
        int groups = random.Next(1, 9);
        long baseTime = random.Next(4) == 0 ? NextLong(random, 0, WireFormat.MaxTime / 2) : 1795262400000 + random.Next(1_000_000);
        var readings = new List<Reading>();
        var chosen = new HashSet<int>();
        for (int g = 0; g < groups; g++)
        {
            var signal = signals[random.Next(signals.Length)];
            if (!chosen.Add(signal.Id))
            {
                continue;
            }
            int count = random.Next(1, maxPerSignal + 1);
            long time = baseTime + random.Next(0, 3000);
            for (int k = 0; k < count; k++)
            {
                readings.Add(signal.Kind == SignalKind.Text
                    ? new Reading(signal.Id, time, Text(random))
                    : new Reading(signal.Id, time, Value(random, signal)));
                time += random.Next(4) == 0 ? NextLong(random, 1, 10_000_000) : random.Next(1, 2000);
            }
        }
        Shuffle(random, readings);
        return [.. readings];
    }

    /// <summary>A value either on the signal's grid or between grid points, from tiny to the largest allowed.</summary>
    public static double Value(Random random, SignalInfo signal)
    {
        long limit = random.Next(3) switch
        {
            0 => 100,
            1 => 10_000_000,
            _ => WireFormat.MaxRaw,
        };
        long raw = NextLong(random, -limit, limit);
        double value = signal.ToValue(raw);
        return random.Next(2) == 0 || Math.Abs(raw) == WireFormat.MaxRaw
            ? value
            : value + (random.NextDouble() - 0.5) * 0.98 * signal.Resolution;
    }

    public static string Text(Random random)
    {
        var text = new StringBuilder();
        int pieces = random.Next(0, 60);
        for (int i = 0; i < pieces; i++)
        {
            string piece = TextPieces[random.Next(TextPieces.Length)];
            if (Encoding.UTF8.GetByteCount(text.ToString() + piece) > WireFormat.MaxTextLength)
            {
                break;
            }
            text.Append(piece);
        }
        return text.ToString();
    }

    public static long NextLong(Random random, long min, long max) => min + (long)(random.NextDouble() * (max - min));

    public static void Shuffle<T>(Random random, IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>What the reader should return for these readings: canonical order, numbers at catalog resolution.</summary>
    public static Reading[] Expected(IEnumerable<Reading> readings) =>
        readings
            .OrderBy(r => r.SignalId).ThenBy(r => r.Time)
            .Select(r =>
            {
                var signal = SignalCatalog.ById(r.SignalId);
                return signal.Kind == SignalKind.Text
                    ? new Reading(r.SignalId, r.Time, r.Text)
                    : new Reading(r.SignalId, r.Time, signal.ToValue(signal.ToRaw(r.Value)));
            })
            .ToArray();

    public static void AssertSame(Reading[] expected, Reading[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].SignalId, actual[i].SignalId);
            Assert.Equal(expected[i].Time, actual[i].Time);
            Assert.Equal(expected[i].Value, actual[i].Value);
            Assert.Equal(expected[i].Text, actual[i].Text);
        }
    }
}
