using System.Numerics;

namespace Dimo.Rewards.Rules;

/// <summary>
/// The pro-rata split of one week's limit (rewards-api <c>rewards.go</c>): each bucket of each row (streak,
/// aftermarket device, synthetic device) gets points × limit ÷ (sum of all buckets of all rows), truncated to whole
/// wei, so the week never pays more than its limit. Nothing is paid when the sum is 0.
/// </summary>
public sealed class TokenSplit
{
    private readonly UInt128 _limitWei;
    private readonly BigInteger _totalPoints;
    // Many rows share the same points (6,000 for a device, 1,000 for a level): divide once per distinct value.
    private readonly Dictionary<long, UInt128> _shares = new();

    public TokenSplit(UInt128 limitWei, long totalPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalPoints);
        _limitWei = limitWei;
        _totalPoints = totalPoints;
    }

    public UInt128 ShareWei(long points)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        if (points == 0 || _totalPoints.IsZero)
            return 0;
        if (!_shares.TryGetValue(points, out var share))
        {
            share = (UInt128)(points * (BigInteger)_limitWei / _totalPoints);
            _shares.Add(points, share);
        }
        return share;
    }
}
