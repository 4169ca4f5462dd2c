namespace Dimo.Rewards.Engine;

/// <summary>A row's tokens in wei, per bucket.</summary>
public readonly record struct TokenAmounts(UInt128 Streak, UInt128 AftermarketDevice, UInt128 SyntheticDevice)
{
    public UInt128 Total => Streak + AftermarketDevice + SyntheticDevice;
}
