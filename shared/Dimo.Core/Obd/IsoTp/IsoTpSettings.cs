namespace Dimo.Core.Obd.IsoTp
{
    /// <summary>
    /// Timing and framing parameters of one ISO-TP endpoint. Defaults follow ISO 15765-4 for OBD:
    /// N_Bs and N_Cr of 1000 ms, P2 of 50 ms stretched to 100 ms because aftermarket adapters see
    /// slower gateways, P2* of 5000 ms after a "response pending" answer.
    /// </summary>
    public sealed class IsoTpSettings
    {
        /// <summary>The byte that fills frames to 8 bytes, or -1 to send frames only as long as their content.</summary>
        public int PaddingByte = 0xAA;

        /// <summary>Block size we ask for when we receive (0 = send everything without further flow control).</summary>
        public int BlockSize = 0;

        /// <summary>STmin code we ask for when we receive: 0x00-0x7F ms, 0xF1-0xF9 = 100-900 µs.</summary>
        public int SeparationTimeCode = 0;

        /// <summary>N_Bs: how long a sender waits for a flow control frame.</summary>
        public int FlowControlTimeoutMilliseconds = 1000;

        /// <summary>N_Cr: how long a receiver waits for the next consecutive frame.</summary>
        public int ConsecutiveFrameTimeoutMilliseconds = 1000;

        /// <summary>P2: how long a tester waits for the first frame of an answer.</summary>
        public int ResponseTimeoutMilliseconds = 100;

        /// <summary>P2*: the extended wait after an ECU answered "response pending" (NRC 0x78).</summary>
        public int ResponsePendingTimeoutMilliseconds = 5000;

        /// <summary>N_WFTmax: consecutive Wait flow controls accepted before giving up.</summary>
        public int MaxWaitFrames = 10;

        /// <summary>The longest message we reassemble; longer first frames are refused with Overflow.</summary>
        public int MaxMessageLength = 256;
    }
}
