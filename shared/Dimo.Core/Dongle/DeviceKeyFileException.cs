namespace Dimo.Core.Dongle
{
    /// <summary>A device key file that cannot be used, with the reason (torn, altered, another format).</summary>
    public sealed class DeviceKeyFileException : System.Exception
    {
        public DeviceKeyFileException(string reason)
            : base(reason)
        {
        }
    }
}
