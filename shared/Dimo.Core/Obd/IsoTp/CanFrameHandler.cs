namespace Dimo.Core.Obd.IsoTp
{
    /// <summary>Receives a frame that arrived during an exchange but was not part of it; valid only during the call.</summary>
    public delegate void CanFrameHandler(Can.CanFrame frame);
}
