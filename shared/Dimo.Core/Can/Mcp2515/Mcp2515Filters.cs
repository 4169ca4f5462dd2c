namespace Dimo.Core.Can.Mcp2515
{
    /// <summary>
    /// The acceptance setup the dongle writes: the decoder table's planned masks and filters (planned in the
    /// cloud by <c>AcceptanceFilterPlanner</c> over the table's CAN ids, stored in its filter block), and, when the
    /// dongle polls over OBD, a check that they also let the ECUs' answers through. Word layout as in
    /// <see cref="DecoderTable.AcceptanceFilterWords"/>: masks 0-1, filters 0-5, bit 31 marking a 29-bit word.
    /// Null words mean "receive everything".
    /// </summary>
    public static class Mcp2515Filters
    {
        /// <summary>The first and last 11-bit OBD response ids (ISO 15765-4: ECU n answers on 0x7E8 + n).</summary>
        public const uint FirstObdResponseId = 0x7E8;
        public const uint LastObdResponseId = 0x7EF;

        /// <summary>29-bit OBD responses: 0x18DAF1xx, xx the answering ECU's address.</summary>
        public const uint ObdResponseExtendedBase = 0x18DAF100;

        private const uint ExtendedFlag = 0x80000000;

        /// <summary>
        /// What the controller should use: <paramref name="tableWords"/> when they admit everything needed, else
        /// null (receive everything) so that no OBD answer is lost; <paramref name="opened"/> tells which happened.
        /// </summary>
        public static uint[] ForDongle(uint[] tableWords, bool obdPolling, bool obdExtended, out bool opened)
        {
            opened = false;
            if (tableWords == null || !obdPolling || AdmitsObdResponses(tableWords, obdExtended))
            {
                return tableWords;
            }
            opened = true;
            return null;
        }

        /// <summary>True when the words let every OBD response id of the addressing through.</summary>
        public static bool AdmitsObdResponses(uint[] words, bool extended)
        {
            if (extended)
            {
                for (uint ecu = 0; ecu <= 0xFF; ecu++)
                {
                    if (!Admits(words, ObdResponseExtendedBase | ecu, true))
                    {
                        return false;
                    }
                }
                return true;
            }
            for (uint id = FirstObdResponseId; id <= LastObdResponseId; id++)
            {
                if (!Admits(words, id, false))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>True when a frame with this id passes one of the filters (null words pass everything).</summary>
        public static bool Admits(uint[] words, uint id, bool extended)
        {
            if (words == null)
            {
                return true;
            }
            for (int f = 0; f < 6; f++)
            {
                uint mask = words[f < 2 ? 0 : 1];
                uint filter = words[2 + f];
                if (((filter & ExtendedFlag) != 0) != extended)
                {
                    continue;
                }
                uint bits = mask & ~ExtendedFlag;
                if ((id & bits) == (filter & bits))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>
        /// Writes a mask or filter word as the four registers SIDH, SIDL, EID8, EID0. A 29-bit word puts id bits
        /// 28-18 in SID and 17-0 in EID and sets EXIDE; an 11-bit word leaves the EID bytes 0, because for standard
        /// frames the chip would compare them with the first two data bytes.
        /// </summary>
        public static void Encode(uint word, byte[] registers, int offset)
        {
            bool extended = (word & ExtendedFlag) != 0;
            uint sid = extended ? (word >> 18) & 0x7FF : word & 0x7FF;
            uint eid = extended ? word & 0x3FFFF : 0;
            registers[offset] = (byte)(sid >> 3);
            uint exide = extended ? (uint)Mcp2515Registers.ExtendedIdFlag : 0;
            registers[offset + 1] = (byte)(((sid & 0x07) << 5) | exide | ((eid >> 16) & 0x03));
            registers[offset + 2] = (byte)(eid >> 8);
            registers[offset + 3] = (byte)eid;
        }
    }
}
