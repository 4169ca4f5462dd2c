namespace Dimo.Core.Dongle
{
    /// <summary>
    /// An active-low interrupt output of a peripheral (the MCP2515's INT pin) wired to a GPIO input.
    /// </summary>
    public interface IInterruptLine
    {
        /// <summary>True while the peripheral pulls the line low (something needs service).</summary>
        bool IsAsserted { get; }

        /// <summary>
        /// Waits until the line is asserted or <paramref name="timeoutMilliseconds"/> pass; true when asserted.
        /// The device blocks on the pin's edge; a simulator runs its virtual bus forward instead.
        /// </summary>
        bool WaitAsserted(int timeoutMilliseconds);
    }
}
