namespace Dimo.Core.Dongle
{
    /// <summary>
    /// What the dongle reports about itself besides its counters: set by the firmware at boot (firmware version,
    /// why it booted) and by the config apply (the template version it runs). <see cref="DongleLoop"/> sends each
    /// as a catalog signal (ids 56-63) in the first batch after boot and again whenever it changes.
    /// </summary>
    public sealed class DeviceStatus
    {
        /// <summary>The app's version, e.g. "1.4.0"; null sends nothing.</summary>
        public string FirmwareVersion;

        /// <summary>Why this boot happened (<see cref="RebootReason"/>); null sends nothing.</summary>
        public string RebootReason;

        /// <summary>
        /// The version of the poll template in use; 0 until one from the cloud is applied. A loop with a config
        /// applier attached (<see cref="DongleLoop.AttachConfig"/>) reports its applier's version instead.
        /// </summary>
        public int ConfigVersion;
    }
}
