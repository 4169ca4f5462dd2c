namespace Dimo.Core.Obd
{
    /// <summary>Why a poll got no reading; the poller counts each.</summary>
    public enum ObdFailure
    {
        /// <summary>No ECU answered within the response timeout.</summary>
        NoAnswer = 0,

        /// <summary>The ECU answered with a negative response (7F).</summary>
        NegativeAnswer = 1,

        /// <summary>The ISO-TP transfer broke (timeout, wrong sequence number, overflow ...).</summary>
        TransferError = 2,

        /// <summary>The answer was too short for the PID, or an invalid VIN.</summary>
        BadAnswer = 3,
    }
}
