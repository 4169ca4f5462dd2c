namespace Dimo.Core.Obd.IsoTp
{
    /// <summary>A failed ISO-TP transfer, with its typed reason.</summary>
    public sealed class IsoTpException : System.Exception
    {
        public IsoTpException(IsoTpError error, string message)
            : base(message)
        {
            Error = error;
        }

        public IsoTpError Error { get; private set; }
    }
}
