using Dimo.Core.Signals;

namespace Dimo.Core.Wire
{
    /// <summary>
    /// Receives a body as <see cref="BatchReader"/> decodes it: the header first, then every reading in canonical
    /// order (signal ids ascending, times ascending within a signal). The body is only known to be valid once
    /// ReadBody returns; if it throws, the sink has seen part of an invalid body and its state is to be discarded.
    /// </summary>
    public interface IReadingSink
    {
        void Begin(uint bootId, uint seq, long baseTime);

        /// <summary>A Number reading: <paramref name="raw"/> counts the signal's steps (value = raw × resolution).</summary>
        void Number(SignalInfo signal, long time, long raw);

        /// <summary>A Text reading: <paramref name="count"/> bytes of well-formed UTF-8 at <paramref name="offset"/> in <paramref name="utf8"/>.</summary>
        void Text(SignalInfo signal, long time, byte[] utf8, int offset, int count);
    }
}
