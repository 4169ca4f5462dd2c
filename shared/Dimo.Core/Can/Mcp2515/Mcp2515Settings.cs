namespace Dimo.Core.Can.Mcp2515
{
    /// <summary>How <see cref="Mcp2515Controller.Start"/> sets the chip up.</summary>
    public sealed class Mcp2515Settings
    {
        /// <summary>The crystal on the board: 8 or 16 MHz on common modules.</summary>
        public int OscillatorHz = 16000000;

        /// <summary>The car's bus rate; OBD-II cars use 500 kbit/s (some 250).</summary>
        public int BitRate = 500000;

        /// <summary>
        /// False (the default) keeps the chip in listen-only mode: the dongle never drives the bus, not even an
        /// acknowledgement. True (only when OBD polling is enabled for the vehicle) selects normal mode.
        /// </summary>
        public bool Transmit;

        /// <summary>Masks and filters (see <see cref="Mcp2515Filters"/>); null receives every frame.</summary>
        public uint[] FilterWords;
    }
}
