namespace Dimo.Hardware.Schematic;

/// <summary>Orders references as people do: C2 before C10, then by prefix.</summary>
public sealed class NaturalOrder : IComparer<string>
{
    public static readonly NaturalOrder Instance = new();

    public int Compare(string? a, string? b)
    {
        var (pa, na) = Split(a ?? "");
        var (pb, nb) = Split(b ?? "");
        int byPrefix = string.CompareOrdinal(pa, pb);
        return byPrefix != 0 ? byPrefix : na.CompareTo(nb);
    }

    private static (string Prefix, int Number) Split(string reference)
    {
        int i = reference.Length;
        while (i > 0 && char.IsAsciiDigit(reference[i - 1]))
            i--;
        return (reference[..i], i < reference.Length ? int.Parse(reference[i..], System.Globalization.CultureInfo.InvariantCulture) : 0);
    }
}
