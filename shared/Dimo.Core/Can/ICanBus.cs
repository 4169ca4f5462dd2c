namespace Dimo.Core.Can
{
    /// <summary>
    /// The car's CAN bus as the dongle sees it. The ESP32 adapter drives an MCP2515 over SPI; the
    /// virtual dongle and the tests use simulated buses.
    /// </summary>
    public interface ICanBus
    {
        /// <summary>Queues a frame for transmission; false when the controller cannot take it now.</summary>
        bool Send(CanFrame frame);

        /// <summary>Fills <paramref name="frame"/> with the next received frame; false when none arrives within the timeout.</summary>
        bool Receive(CanFrame frame, int timeoutMilliseconds);
    }
}
