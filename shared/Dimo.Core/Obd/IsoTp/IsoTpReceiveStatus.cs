namespace Dimo.Core.Obd.IsoTp
{
    /// <summary>What one frame did to a reception.</summary>
    public enum IsoTpReceiveStatus
    {
        /// <summary>The frame was not for this reception (a flow control, or a consecutive frame with no transfer open).</summary>
        Ignored = 0,
        InProgress = 1,
        Complete = 2,
        Failed = 3,
    }
}
