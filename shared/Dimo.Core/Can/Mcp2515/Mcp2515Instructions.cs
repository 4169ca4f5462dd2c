namespace Dimo.Core.Can.Mcp2515
{
    /// <summary>The MCP2515's SPI instruction bytes (DS20001801, table 12-1).</summary>
    public static class Mcp2515Instructions
    {
        public const byte Reset = 0xC0;
        public const byte Read = 0x03;
        public const byte Write = 0x02;
        public const byte BitModify = 0x05;

        /// <summary>READ RX BUFFER starting at RXB0SIDH; | 0x02 starts at RXB0D0, | 0x04 selects RXB1.</summary>
        public const byte ReadRxBuffer = 0x90;

        /// <summary>LOAD TX BUFFER starting at TXB0SIDH; | 0x02 / | 0x04 select TXB1 / TXB2, | 0x01 starts at the data.</summary>
        public const byte LoadTxBuffer = 0x40;

        /// <summary>REQUEST TO SEND; | 0x01, 0x02, 0x04 for TXB0, TXB1, TXB2.</summary>
        public const byte RequestToSend = 0x80;

        public const byte ReadStatus = 0xA0;
        public const byte RxStatus = 0xB0;
    }
}
