namespace Dimo.Core.Obd
{
    /// <summary>One line of a vehicle template: what to ask and how often (0 = once, until it succeeds).</summary>
    public sealed class PollItem
    {
        public PollItem(PollItemKind kind, int pid, int intervalMilliseconds)
        {
            Kind = kind;
            Pid = pid;
            IntervalMilliseconds = intervalMilliseconds;
        }

        public PollItemKind Kind { get; private set; }

        /// <summary>The service-01 PID for <see cref="PollItemKind.Pid"/> items.</summary>
        public int Pid { get; private set; }

        public int IntervalMilliseconds { get; private set; }
    }
}
