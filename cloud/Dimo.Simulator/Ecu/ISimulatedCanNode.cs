using Dimo.Core.Can;

namespace Dimo.Simulator.Ecu;

/// <summary>Something on a <see cref="SimulatedCanBus"/> that hears the tester's frames (a simulated ECU).</summary>
public interface ISimulatedCanNode
{
    /// <summary>Called for every frame the tester sends; the frame is only valid during the call.</summary>
    void OnFrame(CanFrame frame);
}
