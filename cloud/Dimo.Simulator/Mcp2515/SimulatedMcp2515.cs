namespace Dimo.Simulator.Mcp2515;

/// <summary>The simulated board's chip: its crystal, and the rate the car's bus runs at (the driver must find it).</summary>
public sealed record SimulatedMcp2515(int OscillatorHz = 16_000_000, int BusBitRate = 500_000);
