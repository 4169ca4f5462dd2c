namespace Dimo.Core.Dongle
{
    /// <summary>Where one unacknowledged batch lies in the spool's flash.</summary>
    internal sealed class SpoolEntry
    {
        public SpoolEntry(uint seq, int segment, int wireAddress, int wireLength)
        {
            Seq = seq;
            Segment = segment;
            WireAddress = wireAddress;
            WireLength = wireLength;
        }

        public readonly uint Seq;
        public readonly int Segment;
        public readonly int WireAddress;
        public readonly int WireLength;
    }
}
