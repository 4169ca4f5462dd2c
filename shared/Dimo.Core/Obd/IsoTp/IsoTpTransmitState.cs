namespace Dimo.Core.Obd.IsoTp
{
    public enum IsoTpTransmitState
    {
        Idle = 0,

        /// <summary>The next frame may go out at <see cref="IsoTpTransmission.NextSendAt"/>.</summary>
        ReadyToSend = 1,

        /// <summary>Waiting for the receiver's flow control until <see cref="IsoTpTransmission.FlowControlDeadline"/>.</summary>
        WaitingForFlowControl = 2,
        Done = 3,
        Failed = 4,
    }
}
