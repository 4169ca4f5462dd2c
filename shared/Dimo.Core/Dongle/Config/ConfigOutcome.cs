namespace Dimo.Core.Dongle.Config
{
    /// <summary>What <see cref="ConfigApplier.Apply"/> did with a message.</summary>
    public enum ConfigOutcome
    {
        /// <summary>Newer than the running version and valid: stored and in use.</summary>
        Applied = 0,

        /// <summary>Not newer than the running version (a retained message seen again, or an older one): nothing changed.</summary>
        Ignored = 1,

        /// <summary>Newer but invalid (<see cref="ConfigApplier.LastError"/>): the dongle keeps running its last good config.</summary>
        Rejected = 2,
    }
}
