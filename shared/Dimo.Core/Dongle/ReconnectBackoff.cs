using Dimo.Core.Crypto;

namespace Dimo.Core.Dongle
{
    /// <summary>
    /// How long to wait before the next attempt to reach the access point or the broker: the first retry after
    /// <see cref="InitialMilliseconds"/>, each failure doubling the ceiling up to <see cref="MaxMilliseconds"/>, and
    /// a success starting over. The wait is drawn between half the ceiling and the ceiling ("equal jitter"), so a
    /// fleet that lost the same broker at the same moment does not come back in lock-step, yet no retry comes
    /// sooner than half its step. Pure logic over <see cref="IEntropy"/>, so the device (hardware RNG) and tests
    /// (a seeded source) run the same code. Not thread-safe.
    /// </summary>
    public sealed class ReconnectBackoff
    {
        private readonly IEntropy _jitter;
        private readonly byte[] _draw = new byte[4];
        private int _ceiling;

        public ReconnectBackoff(int initialMilliseconds, int maxMilliseconds, IEntropy jitter)
        {
            if (initialMilliseconds < 2 || maxMilliseconds < initialMilliseconds)
            {
                throw new System.ArgumentOutOfRangeException("initialMilliseconds", "the first wait is at least 2 ms and at most the longest wait");
            }
            if (jitter == null)
            {
                throw new System.ArgumentNullException("jitter");
            }
            InitialMilliseconds = initialMilliseconds;
            MaxMilliseconds = maxMilliseconds;
            _jitter = jitter;
            _ceiling = initialMilliseconds;
        }

        public int InitialMilliseconds { get; private set; }

        public int MaxMilliseconds { get; private set; }

        /// <summary>Failures since the last success.</summary>
        public int Failures { get; private set; }

        /// <summary>Records a failed attempt and returns how long to wait before the next one.</summary>
        public int NextDelayMilliseconds()
        {
            int ceiling = _ceiling;
            Failures++;
            // Doubling stops at the maximum, so the ceiling never overflows however long the outage lasts.
            _ceiling = ceiling > MaxMilliseconds / 2 ? MaxMilliseconds : ceiling * 2;
            int half = ceiling / 2;
            _jitter.Fill(_draw, 0, 4);
            uint random = (uint)(_draw[0] | (_draw[1] << 8) | (_draw[2] << 16) | (_draw[3] << 24));
            return half + (int)(random % (uint)(ceiling - half + 1));
        }

        /// <summary>Records a success: the next failure waits about <see cref="InitialMilliseconds"/> again.</summary>
        public void Reset()
        {
            Failures = 0;
            _ceiling = InitialMilliseconds;
        }
    }
}
