using Dimo.Core.Can;

namespace Dimo.Testing.Can
{
    /// <summary>
    /// The inverse of <see cref="FrameDecoder"/>: writes signal values into a frame's payload, for round-trip
    /// tests. The dongle only decodes, so this lives with the tests, not in the core the firmware ships.
    /// </summary>
    public sealed class FrameEncoder
    {
        private readonly DecoderTable _table;

        public FrameEncoder(DecoderTable table)
        {
            _table = table;
        }

        /// <summary>Sets the frame's id and length for a message and clears its payload.</summary>
        public void Begin(int message, CanFrame frame)
        {
            frame.Id = _table.MessageId(message);
            frame.IsExtended = _table.MessageIsExtended(message);
            frame.Length = _table.MessageLength(message);
            System.Array.Clear(frame.Data, 0, CanFrame.MaxLength);
        }

        /// <summary>Writes a raw value; only its low bit-length bits are kept.</summary>
        public void WriteRaw(int signal, long raw, CanFrame frame)
        {
            CanBits.Write(frame.Data, _table.SignalFirstPosition(signal), _table.SignalBitLength(signal),
                _table.SignalIsBigEndian(signal), (ulong)raw);
        }

        /// <summary>Writes the nearest raw value of a physical value for an integer signal: (value - offset) / factor.</summary>
        public void WritePhysical(int signal, double value, CanFrame frame)
        {
            double steps = (value - _table.SignalOffset(signal)) / _table.SignalFactor(signal);
            long raw = steps >= 0 ? (long)(steps + 0.5) : -(long)(-steps + 0.5);
            WriteRaw(signal, raw, frame);
        }
    }
}
