namespace Dimo.Core.Obd.IsoTp
{
    /// <summary>Why an ISO 15765-2 transfer failed. Counters are kept per value.</summary>
    public enum IsoTpError
    {
        None = 0,

        /// <summary>N_Bs: the receiver sent no flow control after our first frame or block.</summary>
        FlowControlTimeout = 1,

        /// <summary>N_Cr: the sender stopped between consecutive frames (e.g. a frame was lost).</summary>
        ConsecutiveFrameTimeout = 2,

        /// <summary>A consecutive frame carried a sequence number other than the expected one.</summary>
        WrongSequenceNumber = 3,

        /// <summary>The receiver answered our first frame with flow status Overflow.</summary>
        ReceiverOverflow = 4,

        /// <summary>A first frame announced more bytes than we accept; we answered Overflow.</summary>
        MessageTooLong = 5,

        /// <summary>The receiver sent more Wait flow controls than N_WFTmax allows.</summary>
        TooManyWaits = 6,

        /// <summary>A frame whose protocol control information is malformed.</summary>
        InvalidFrame = 7,

        /// <summary>The CAN controller refused a frame.</summary>
        SendFailed = 8,
    }
}
