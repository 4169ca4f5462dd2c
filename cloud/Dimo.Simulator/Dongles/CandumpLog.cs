using System.Globalization;
using Dimo.Core.Can;
using Dimo.Dbc.Candump;

namespace Dimo.Simulator.Dongles;

/// <summary>
/// A candump log in memory, read once and shared by every dongle that replays it: the frames with their times
/// relative to the first one. Lines without a timestamp are spaced 1 ms apart; unreadable lines are counted.
/// </summary>
public sealed class CandumpLog
{
    private CandumpLog(CanFrame[] frames, long[] offsets, int skippedLines)
    {
        Frames = frames;
        OffsetsMilliseconds = offsets;
        SkippedLines = skippedLines;
    }

    public IReadOnlyList<CanFrame> Frames { get; }

    /// <summary>Each frame's time after the first frame.</summary>
    public IReadOnlyList<long> OffsetsMilliseconds { get; }

    public int SkippedLines { get; }

    /// <summary>The log's length; a replay loops after it.</summary>
    public long DurationMilliseconds => OffsetsMilliseconds.Count == 0 ? 0 : OffsetsMilliseconds[^1] + 1;

    public static CandumpLog Load(string path) => Parse(File.ReadLines(path));

    /// <summary>
    /// The same frames with every pause longer than <paramref name="maxGapMilliseconds"/> shortened to it (the time
    /// between frames otherwise kept). A recording of a car being switched on sits silent for seconds between bursts,
    /// which a replay would otherwise wait through with nothing to read.
    /// </summary>
    public CandumpLog WithPausesShortenedTo(long maxGapMilliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxGapMilliseconds);
        var offsets = new long[OffsetsMilliseconds.Count];
        for (int i = 1; i < offsets.Length; i++)
            offsets[i] = offsets[i - 1] + Math.Min(OffsetsMilliseconds[i] - OffsetsMilliseconds[i - 1], maxGapMilliseconds);
        return new CandumpLog([.. Frames], offsets, SkippedLines);
    }

    public static CandumpLog Parse(IEnumerable<string> lines)
    {
        var frames = new List<CanFrame>();
        var offsets = new List<long>();
        int skipped = 0;
        double? first = null;
        long previous = 0;
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var frame = new CanFrame();
            if (!CandumpLine.TryParse(line, frame, out string? timestamp))
            {
                skipped++;
                continue;
            }
            long offset = previous + (frames.Count == 0 ? 0 : 1);
            if (timestamp != null && double.TryParse(timestamp, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
            {
                first ??= seconds;
                // Logs are not always sorted; time never goes back in a replay.
                offset = Math.Max(previous, (long)Math.Round((seconds - first.Value) * 1000));
            }
            frames.Add(frame);
            offsets.Add(offset);
            previous = offset;
        }
        if (frames.Count == 0)
            throw new InvalidDataException("the candump log holds no frames");
        return new CandumpLog([.. frames], [.. offsets], skipped);
    }
}
