namespace Dimo.Core.Obd.IsoTp
{
    /// <summary>
    /// ISO 15765-4 identifiers for OBD on CAN. With 11-bit ids ECU n (0-7) answers on 0x7E8+n and listens
    /// on 0x7E0+n; with 29-bit ids ECU address x answers on 0x18DAF1xx and listens on 0x18DAxxF1 (the
    /// tester is address 0xF1). The functional (broadcast) request goes to 0x7DF or 0x18DB33F1.
    /// "ECU" below is the index n for 11-bit and the address byte x for 29-bit.
    /// </summary>
    public sealed class IsoTpAddressing
    {
        public static readonly IsoTpAddressing Standard11Bit = new IsoTpAddressing(false);
        public static readonly IsoTpAddressing Extended29Bit = new IsoTpAddressing(true);

        private const uint TesterAddress = 0xF1;

        private IsoTpAddressing(bool isExtended)
        {
            IsExtended = isExtended;
        }

        public bool IsExtended { get; private set; }

        public uint FunctionalRequestId
        {
            get { return IsExtended ? 0x18DB33F1u : 0x7DFu; }
        }

        public uint ResponseIdOf(int ecu)
        {
            return IsExtended ? 0x18DA0000u | TesterAddress << 8 | (uint)(ecu & 0xFF) : 0x7E8u + (uint)(ecu & 7);
        }

        public uint PhysicalRequestIdOf(int ecu)
        {
            return IsExtended ? 0x18DA0000u | (uint)(ecu & 0xFF) << 8 | TesterAddress : 0x7E0u + (uint)(ecu & 7);
        }

        /// <summary>True for an id an ECU answers on.</summary>
        public bool IsResponseId(uint id, bool isExtended)
        {
            if (isExtended != IsExtended)
            {
                return false;
            }
            return IsExtended ? (id & 0xFFFFFF00u) == (0x18DA0000u | TesterAddress << 8) : id >= 0x7E8u && id <= 0x7EFu;
        }

        /// <summary>The ECU behind a response id (see <see cref="IsResponseId"/>).</summary>
        public int EcuOfResponseId(uint id)
        {
            return IsExtended ? (int)(id & 0xFF) : (int)(id - 0x7E8u);
        }

        /// <summary>The ECU a physical request id is addressed to, or -1 when the id is not a physical request id.</summary>
        public int EcuOfPhysicalRequestId(uint id, bool isExtended)
        {
            if (isExtended != IsExtended)
            {
                return -1;
            }
            if (IsExtended)
            {
                return (id & 0xFFFF00FFu) == (0x18DA0000u | TesterAddress) ? (int)((id >> 8) & 0xFF) : -1;
            }
            return id >= 0x7E0u && id <= 0x7E7u ? (int)(id - 0x7E0u) : -1;
        }

        /// <summary>Where flow control and physical requests for the ECU answering on <paramref name="responseId"/> go.</summary>
        public uint PhysicalRequestIdFor(uint responseId)
        {
            return PhysicalRequestIdOf(EcuOfResponseId(responseId));
        }
    }
}
