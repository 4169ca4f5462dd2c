namespace Dimo.Core.Dongle.Config
{
    /// <summary>A config message that cannot be read or applied, with its <see cref="Error"/>.</summary>
    public sealed class DeviceConfigException : System.Exception
    {
        public DeviceConfigException(DeviceConfigError error, string message)
            : base(message)
        {
            Error = error;
        }

        public DeviceConfigError Error { get; private set; }
    }
}
