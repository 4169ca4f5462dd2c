namespace Dimo.Core.Can.Mcp2515
{
    /// <summary>
    /// One bit-timing setting of the MCP2515 and its CNF1-CNF3 register values (DS20001801, section 5).
    /// A time quantum is TQ = 2 × (BRP + 1) / Fosc; a bit is SyncSeg (1 TQ) + PropSeg + PS1 + PS2, sampled
    /// at the end of PS1. The datasheet's rules: PropSeg and PS1 of 1-8 TQ, PS2 of 2-8 TQ, PropSeg + PS1 ≥ PS2,
    /// PS2 &gt; SJW, SJW of 1-4 TQ, and a bit of 5-25 TQ. <see cref="Compute"/> picks the smallest prescaler that
    /// fits (the finest quanta) and places the sample point as late as 87.5 % allows (CiA 301's recommendation),
    /// never before 75 %.
    /// </summary>
    public sealed class Mcp2515BitTiming
    {
        public const int MinQuantaPerBit = 5;
        public const int MaxQuantaPerBit = 25;

        private Mcp2515BitTiming(int oscillatorHz, int bitRate, int prescaler, int propSeg, int phaseSeg1, int phaseSeg2, int jumpWidth)
        {
            OscillatorHz = oscillatorHz;
            BitRate = bitRate;
            Prescaler = prescaler;
            PropagationSegment = propSeg;
            PhaseSegment1 = phaseSeg1;
            PhaseSegment2 = phaseSeg2;
            SynchronisationJumpWidth = jumpWidth;
        }

        public int OscillatorHz { get; private set; }
        public int BitRate { get; private set; }

        /// <summary>BRP + 1: TQ = 2 × Prescaler oscillator periods.</summary>
        public int Prescaler { get; private set; }

        public int PropagationSegment { get; private set; }
        public int PhaseSegment1 { get; private set; }
        public int PhaseSegment2 { get; private set; }
        public int SynchronisationJumpWidth { get; private set; }

        public int QuantaPerBit
        {
            get { return 1 + PropagationSegment + PhaseSegment1 + PhaseSegment2; }
        }

        /// <summary>Where the bit is sampled, in tenths of a percent of the bit (875 = 87.5 %).</summary>
        public int SamplePointPermille
        {
            get { return (1 + PropagationSegment + PhaseSegment1) * 1000 / QuantaPerBit; }
        }

        /// <summary>SJW - 1 in bits 7-6, BRP in bits 5-0.</summary>
        public byte Cnf1
        {
            get { return (byte)(((SynchronisationJumpWidth - 1) << 6) | (Prescaler - 1)); }
        }

        /// <summary>BTLMODE (PS2 set by CNF3), one sample, PHSEG1 - 1 in bits 5-3, PRSEG - 1 in bits 2-0.</summary>
        public byte Cnf2
        {
            get { return (byte)(0x80 | ((PhaseSegment1 - 1) << 3) | (PropagationSegment - 1)); }
        }

        /// <summary>PHSEG2 - 1 in bits 2-0 (SOF pin and wake-up filter off).</summary>
        public byte Cnf3
        {
            get { return (byte)(PhaseSegment2 - 1); }
        }

        /// <summary>The setting for <paramref name="bitRate"/> bit/s with an <paramref name="oscillatorHz"/> crystal.</summary>
        /// <exception cref="Mcp2515Exception">The rate cannot be reached exactly within the rules (e.g. 1 Mbit/s at 8 MHz).</exception>
        public static Mcp2515BitTiming Compute(int oscillatorHz, int bitRate)
        {
            if (oscillatorHz <= 0 || bitRate <= 0)
            {
                throw new System.ArgumentOutOfRangeException(oscillatorHz <= 0 ? "oscillatorHz" : "bitRate");
            }
            for (int prescaler = 1; prescaler <= 64; prescaler++)
            {
                long quantumHz2 = (long)bitRate * 2 * prescaler;
                if (oscillatorHz % quantumHz2 != 0)
                {
                    continue;
                }
                int quanta = (int)(oscillatorHz / quantumHz2);
                if (quanta > MaxQuantaPerBit)
                {
                    continue;
                }
                if (quanta < MinQuantaPerBit)
                {
                    break;
                }
                Mcp2515BitTiming timing = Place(oscillatorHz, bitRate, prescaler, quanta);
                if (timing != null)
                {
                    return timing;
                }
            }
            throw new Mcp2515Exception(Mcp2515Fault.UnsupportedBitRate,
                "the MCP2515 cannot run at " + bitRate + " bit/s with a " + oscillatorHz / 1000 + " kHz crystal: a bit needs "
                + MinQuantaPerBit + "-" + MaxQuantaPerBit + " time quanta of 2-128 oscillator periods with the sample point at 75-87.5 %; "
                + "choose a lower bit rate or a 16 MHz crystal");
        }

        /// <summary>Splits <paramref name="quanta"/> into segments with the sample point at 87.5 % or just before, or null.</summary>
        private static Mcp2515BitTiming Place(int oscillatorHz, int bitRate, int prescaler, int quanta)
        {
            // The smallest PS2 keeping the sample point at or before 87.5 %: PS2 ≥ quanta / 8.
            int ps2 = (quanta + 7) / 8;
            if (ps2 < 2)
            {
                ps2 = 2;
            }
            int beforeSample = quanta - 1 - ps2;
            if (ps2 > 8 || (quanta - ps2) * 1000 < 750 * quanta || beforeSample < ps2 || beforeSample > 16)
            {
                return null;
            }
            int ps1 = beforeSample / 2;
            int prop = beforeSample - ps1;
            int sjw = ps2 - 1 < 4 ? ps2 - 1 : 4;
            return new Mcp2515BitTiming(oscillatorHz, bitRate, prescaler, prop, ps1, ps2, sjw);
        }

        /// <summary>The bit rate CNF1-CNF3 register values give with an <paramref name="oscillatorHz"/> crystal (0 when invalid).</summary>
        public static int BitRateOf(int oscillatorHz, byte cnf1, byte cnf2, byte cnf3)
        {
            int prescaler = (cnf1 & 0x3F) + 1;
            int prop = (cnf2 & 0x07) + 1;
            int ps1 = ((cnf2 >> 3) & 0x07) + 1;
            int ps2 = (cnf2 & 0x80) != 0 ? (cnf3 & 0x07) + 1 : (ps1 > 2 ? ps1 : 2);
            int quanta = 1 + prop + ps1 + ps2;
            return (int)(oscillatorHz / ((long)2 * prescaler * quanta));
        }
    }
}
