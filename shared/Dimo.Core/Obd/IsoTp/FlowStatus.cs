namespace Dimo.Core.Obd.IsoTp
{
    /// <summary>The flow status nibble of a flow-control frame.</summary>
    public enum FlowStatus
    {
        ContinueToSend = 0,
        Wait = 1,
        Overflow = 2,
    }
}
