using Dimo.Core.Obd;

namespace Dimo.Core.Dongle.Config
{
    /// <summary>Makes the OBD poller for a newly applied template (on the bus and client the dongle already has).</summary>
    public delegate ObdPoller PollerFactory(PollTemplate template);
}
