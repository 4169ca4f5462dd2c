using System.Threading;

namespace Dimo.Core.Dongle
{
    /// <summary>
    /// Tells a hung loop from a working one. The loop's thread calls <see cref="Feed"/> every pass; another thread
    /// (the firmware's watchdog thread, every few seconds) asks <see cref="IsHung"/> and reboots the device when it
    /// says so, recording <see cref="RebootReason.Watchdog"/> first. nanoFramework 1.x exposes no hardware
    /// watchdog to managed code, so this is the app's own; a hang inside native code that stops every managed
    /// thread is left to ESP-IDF's task watchdog (that boot then reads as <see cref="RebootReason.PowerOn"/>).
    /// Progress is a fed counter, not a time, so the two threads never share a 64-bit value (not atomic on a
    /// 32-bit CPU); <see cref="Suspend"/> covers sleeps, during which the loop cannot feed.
    /// </summary>
    public sealed class LoopWatchdog
    {
        private readonly int _timeoutMilliseconds;
        private int _feeds;
        private int _suspended; // 1 while suspended; Interlocked, as nanoFramework has no volatile
        // Only the checking thread touches these.
        private int _feedsSeen = -1;
        private long _progressAt;

        public LoopWatchdog(int timeoutMilliseconds)
        {
            if (timeoutMilliseconds < 1)
            {
                throw new System.ArgumentOutOfRangeException("timeoutMilliseconds", "the watchdog's timeout is at least 1 ms");
            }
            _timeoutMilliseconds = timeoutMilliseconds;
        }

        public int TimeoutMilliseconds
        {
            get { return _timeoutMilliseconds; }
        }

        /// <summary>The loop is alive (call once per pass, from the loop's thread).</summary>
        public void Feed()
        {
            Interlocked.Increment(ref _feeds);
        }

        /// <summary>The loop is about to block on purpose (a sleep): not hung until <see cref="Resume"/>.</summary>
        public void Suspend()
        {
            Interlocked.Exchange(ref _suspended, 1);
        }

        /// <summary>Back from a sleep: counts as a feed.</summary>
        public void Resume()
        {
            Feed();
            Interlocked.Exchange(ref _suspended, 0);
        }

        /// <summary>
        /// From the checking thread: true when the loop has not fed for the timeout (monotonic
        /// <paramref name="nowMilliseconds"/>), outside a suspension.
        /// </summary>
        public bool IsHung(long nowMilliseconds)
        {
            int feeds = Interlocked.CompareExchange(ref _feeds, 0, 0);
            if (Interlocked.CompareExchange(ref _suspended, 0, 0) == 1 || feeds != _feedsSeen)
            {
                _feedsSeen = feeds;
                _progressAt = nowMilliseconds;
                return false;
            }
            return nowMilliseconds - _progressAt >= _timeoutMilliseconds;
        }
    }
}
