namespace Dimo.Simulator.Ecu;

/// <summary>One frame as it crossed a <see cref="SimulatedCanBus"/>, for tests and traces.</summary>
public sealed record LoggedFrame(long Time, bool FromTester, uint Id, bool IsExtended, byte[] Data)
{
    public override string ToString() =>
        $"{Time,8} {(FromTester ? "tester" : "ecu   ")} {Id:X} [{Data.Length}] {Convert.ToHexString(Data)}";
}
