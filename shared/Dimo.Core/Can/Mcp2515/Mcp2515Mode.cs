namespace Dimo.Core.Can.Mcp2515
{
    /// <summary>Operation modes, as the REQOP / OPMOD bits 7-5 of CANCTRL / CANSTAT hold them.</summary>
    public enum Mcp2515Mode
    {
        Normal = 0x00,
        Sleep = 0x20,
        Loopback = 0x40,

        /// <summary>Receives every valid frame but never drives the bus: no acknowledgement, no error frames.</summary>
        ListenOnly = 0x60,

        Configuration = 0x80,
    }
}
