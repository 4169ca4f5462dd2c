namespace Dimo.Core.Can.Mcp2515
{
    /// <summary>
    /// Register addresses and bits of the MCP2515 (Microchip DS20001801, section 11 "register map"). The
    /// MCP25625 has the same controller and register map. Only what the driver and its simulator use.
    /// </summary>
    public static class Mcp2515Registers
    {
        public const byte BFPCTRL = 0x0C;
        public const byte TXRTSCTRL = 0x0D;
        public const byte CANSTAT = 0x0E;
        public const byte CANCTRL = 0x0F;
        public const byte TEC = 0x1C;
        public const byte REC = 0x1D;
        public const byte CNF3 = 0x28;
        public const byte CNF2 = 0x29;
        public const byte CNF1 = 0x2A;
        public const byte CANINTE = 0x2B;
        public const byte CANINTF = 0x2C;
        public const byte EFLG = 0x2D;
        public const byte TXB0CTRL = 0x30;
        public const byte TXB1CTRL = 0x40;
        public const byte TXB2CTRL = 0x50;
        public const byte RXB0CTRL = 0x60;
        public const byte RXB0SIDH = 0x61;
        public const byte RXB1CTRL = 0x70;
        public const byte RXB1SIDH = 0x71;

        /// <summary>Mask registers RXM0SIDH and RXM1SIDH (four bytes each: SIDH, SIDL, EID8, EID0).</summary>
        public const byte RXM0SIDH = 0x20;
        public const byte RXM1SIDH = 0x24;

        /// <summary>The first register (SIDH) of acceptance filter 0-5.</summary>
        public static byte FilterAddress(int filter)
        {
            return (byte)(filter < 3 ? filter * 4 : 0x10 + (filter - 3) * 4);
        }

        // CANCTRL / CANSTAT
        public const byte ModeMask = 0xE0;
        public const byte CanCtrlAbortAll = 0x10;
        public const byte CanCtrlOneShot = 0x08;
        public const byte CanCtrlAfterReset = 0x87;

        // CANINTE / CANINTF
        public const byte MessageError = 0x80;
        public const byte Wake = 0x40;
        public const byte Error = 0x20;
        public const byte Tx2 = 0x10;
        public const byte Tx1 = 0x08;
        public const byte Tx0 = 0x04;
        public const byte Rx1 = 0x02;
        public const byte Rx0 = 0x01;

        // EFLG
        public const byte Rx1Overflow = 0x80;
        public const byte Rx0Overflow = 0x40;
        public const byte TxBusOff = 0x20;
        public const byte TxErrorPassive = 0x10;
        public const byte RxErrorPassive = 0x08;
        public const byte TxWarning = 0x04;
        public const byte RxWarning = 0x02;
        public const byte ErrorWarning = 0x01;

        // RXB0CTRL / RXB1CTRL
        public const byte ReceiveAnyMessage = 0x60;
        public const byte Rollover = 0x04;

        // TXBnCTRL
        public const byte TxRequest = 0x08;

        // SIDL and DLC bytes of a buffer
        public const byte ExtendedIdFlag = 0x08;
        public const byte RemoteFlag = 0x40;
    }
}
