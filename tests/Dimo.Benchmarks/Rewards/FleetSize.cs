namespace Dimo.Benchmarks.Rewards;

/// <summary>A synthetic fleet's size, named in benchmark results as "100k x 150 weeks".</summary>
public readonly record struct FleetSize(int Vehicles, int Weeks)
{
    public override string ToString() => $"{Vehicles / 1000}k x {Weeks} weeks";
}
