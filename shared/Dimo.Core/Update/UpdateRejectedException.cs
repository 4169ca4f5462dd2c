namespace Dimo.Core.Update
{
    /// <summary>An app update that must not be installed, with the reason and what was wrong.</summary>
    public sealed class UpdateRejectedException : System.Exception
    {
        public UpdateRejectedException(UpdateRejection reason, string message)
            : base(message)
        {
            Reason = reason;
        }

        public UpdateRejection Reason { get; private set; }
    }
}
