namespace Dimo.Core.Can.Mcp2515
{
    /// <summary>Why the driver gave up on the chip; <see cref="Mcp2515Exception"/> carries it.</summary>
    public enum Mcp2515Fault
    {
        /// <summary>Reads return what an unconnected MISO line gives (0x00 or 0xFF): wiring, supply or chip select.</summary>
        NotAnswering,

        /// <summary>The chip answers but did not enter the requested mode (e.g. no crystal, or a bus fault).</summary>
        ModeNotReached,

        /// <summary>A register read back differently from what was written.</summary>
        WriteNotKept,

        /// <summary>The oscillator cannot produce the requested bit rate within the datasheet's rules.</summary>
        UnsupportedBitRate,
    }
}
