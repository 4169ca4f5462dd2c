namespace Dimo.Core.Can
{
    /// <summary>A compiled decoder table that cannot be used: wrong magic or version, bad checksum, or inconsistent records.</summary>
    public sealed class DecoderTableException : System.Exception
    {
        public DecoderTableException(string reason)
            : base("decoder table rejected: " + reason)
        {
            Reason = reason;
        }

        public string Reason { get; private set; }
    }
}
