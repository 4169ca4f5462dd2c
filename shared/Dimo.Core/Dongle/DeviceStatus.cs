namespace Dimo.Core.Dongle
{
    /// <summary>
    /// What the firmware tells the dongle about itself at boot (firmware version, why it booted). With a status,
    /// <see cref="DongleLoop"/> sends these, its counters and the config version it runs
    /// (<see cref="DongleLoop.ConfigVersion"/>) as catalog signals (ids 56-63): boot facts in the first batch after
    /// boot, the rest whenever they change.
    /// </summary>
    public sealed class DeviceStatus
    {
        /// <summary>The app's version, e.g. "1.4.0"; null sends nothing.</summary>
        public string FirmwareVersion;

        /// <summary>Why this boot happened (<see cref="RebootReason"/>); null sends nothing.</summary>
        public string RebootReason;
    }
}
