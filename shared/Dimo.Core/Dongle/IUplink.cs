namespace Dimo.Core.Dongle
{
    /// <summary>
    /// The way batches leave the dongle (MQTT QoS 1 on the device and in the simulator). Publishing only hands
    /// a batch over; the broker's acknowledgement comes back later through <see cref="TryTakeAcknowledged"/>,
    /// which the loop polls, so no callback runs on a network thread inside the core.
    /// </summary>
    public interface IUplink
    {
        /// <summary>True while a session with the broker is up.</summary>
        bool IsConnected { get; }

        /// <summary>
        /// Counts sessions: it changes on every (re)connect, so the loop knows that batches it handed over
        /// before may have been lost with the old session and sends them again.
        /// </summary>
        int ConnectionEpoch { get; }

        /// <summary>Hands over the sealed batch with this sequence number; false when it cannot take it now.</summary>
        bool Publish(uint seq, byte[] wire);

        /// <summary>The next acknowledged sequence number, if any.</summary>
        bool TryTakeAcknowledged(out uint seq);
    }
}
