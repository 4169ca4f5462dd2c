using Dimo.Core.Can;
using Dimo.Core.Dongle;
using Dimo.Simulator.Ecu;

namespace Dimo.Simulator.Mcp2515;

/// <summary>
/// An <see cref="Mcp2515Chip"/> between the driver and a <see cref="SimulatedCanBus"/> (the virtual dongle's car:
/// ECUs answering OBD and a candump replay), in the bus's millisecond time. The chip takes the bus's next frame
/// when both receive buffers are empty, so the virtual dongle's coarse ticks do not overflow them
/// (the timed load test is <see cref="Mcp2515Board"/>'s); what the chip transmits goes to the ECUs.
/// </summary>
public sealed class Mcp2515OnSimulatedBus : ISpiPort, IInterruptLine
{
    private readonly SimulatedCanBus _bus;
    private readonly CanFrame _incoming = new();
    private readonly int _busBitRate;

    public Mcp2515OnSimulatedBus(Mcp2515Chip chip, SimulatedCanBus bus, int busBitRate)
    {
        Chip = chip;
        _bus = bus;
        _busBitRate = busBitRate;
        chip.Transmitted += frame => _bus.Send(frame);
    }

    public Mcp2515Chip Chip { get; }

    public void Transfer(byte[] write, byte[] read, int count)
    {
        Chip.Transfer(write, read, count);
        Feed();
    }

    public bool IsAsserted
    {
        get
        {
            Feed();
            return Chip.InterruptAsserted;
        }
    }

    public bool WaitAsserted(int timeoutMilliseconds)
    {
        Feed();
        if (Chip.InterruptAsserted)
            return true;
        // Runs the car forward until it puts a frame on the bus or the time is up.
        if (Chip.ReceiveBuffersEmpty && _bus.Receive(_incoming, timeoutMilliseconds))
            Chip.Receive(_incoming, _busBitRate);
        return Chip.InterruptAsserted;
    }

    /// <summary>Hands the chip the frames the bus already holds, while it has room for them.</summary>
    private void Feed()
    {
        while (Chip.ReceiveBuffersEmpty && _bus.Receive(_incoming, 0))
            Chip.Receive(_incoming, _busBitRate);
    }
}
