using System.Globalization;

namespace Dimo.Rewards.Rules;

/// <summary>Wei amounts as text: the exact decimal string, and DIMO (10^18 wei) as an exact decimal.</summary>
public static class WeiFormat
{
    public static string Wei(UInt128 wei) => wei.ToString(CultureInfo.InvariantCulture);

    /// <summary>The whole DIMO, then only if the fraction is not zero a dot and the 18-digit fraction without trailing zeros.</summary>
    public static string Dimo(UInt128 wei)
    {
        var whole = wei / WeeklyPool.WeiPerDimo;
        var fraction = wei % WeeklyPool.WeiPerDimo;
        string text = whole.ToString(CultureInfo.InvariantCulture);
        return fraction == 0 ? text : text + "." + fraction.ToString("D18", CultureInfo.InvariantCulture).TrimEnd('0');
    }
}
