using System.Buffers;

namespace Dimo.Mqtt.Tests.Formatting;

/// <summary>Builds a ReadOnlySequence of many small segments, as a pipe hands out data that arrived in pieces.</summary>
public static class SegmentedSequence
{
    public static ReadOnlySequence<byte> Split(byte[] bytes, int segmentLength)
    {
        if (bytes.Length == 0)
            return ReadOnlySequence<byte>.Empty;
        Segment? first = null, last = null;
        for (var offset = 0; offset < bytes.Length; offset += segmentLength)
        {
            var memory = bytes.AsMemory(offset, Math.Min(segmentLength, bytes.Length - offset));
            if (first == null)
                first = last = new Segment(memory, 0);
            else
                last = last!.Append(memory);
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
