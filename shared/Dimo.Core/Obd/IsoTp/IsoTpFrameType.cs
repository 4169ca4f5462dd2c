namespace Dimo.Core.Obd.IsoTp
{
    /// <summary>The high nibble of the first payload byte (protocol control information).</summary>
    public enum IsoTpFrameType
    {
        Single = 0,
        First = 1,
        Consecutive = 2,
        FlowControl = 3,
    }
}
