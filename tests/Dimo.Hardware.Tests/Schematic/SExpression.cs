using System.Globalization;
using System.Text;

namespace Dimo.Hardware.Tests.Schematic;

/// <summary>
/// A KiCad s-expression: an atom (symbol, number or quoted string) or a list. Parsed independently of the
/// generator, so the tests read the schematic the way KiCad does instead of trusting the writer's own model.
/// </summary>
public sealed class SExpression
{
    public string? Atom { get; private init; }
    public IReadOnlyList<SExpression> Items { get; private init; } = [];
    public bool IsList => Atom == null;

    /// <summary>The list's head symbol (kicad_sch, symbol, pin, …), or null.</summary>
    public string? Head => IsList && Items.Count > 0 ? Items[0].Atom : null;

    public IEnumerable<SExpression> Children(string head) => Items.Where(i => i.Head == head);

    public SExpression Child(string head) => Children(head).Single();

    public string Text(int index) => Items[index].Atom ?? throw new FormatException($"({Head} …) item {index} is not an atom");

    public decimal Number(int index) => decimal.Parse(Text(index), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static SExpression Parse(string text)
    {
        int position = 0;
        var result = ParseOne(text, ref position);
        SkipSpace(text, ref position);
        if (position != text.Length)
            throw new FormatException($"text after the top-level expression at {position}");
        return result;
    }

    private static SExpression ParseOne(string text, ref int position)
    {
        SkipSpace(text, ref position);
        if (position >= text.Length)
            throw new FormatException("unexpected end");
        char c = text[position];
        if (c == '(')
        {
            position++;
            var items = new List<SExpression>();
            while (true)
            {
                SkipSpace(text, ref position);
                if (position >= text.Length)
                    throw new FormatException("unclosed list");
                if (text[position] == ')')
                {
                    position++;
                    return new SExpression { Items = items };
                }
                items.Add(ParseOne(text, ref position));
            }
        }
        if (c == ')')
            throw new FormatException($"unexpected ) at {position}");
        if (c == '"')
        {
            var atom = new StringBuilder();
            position++;
            while (true)
            {
                if (position >= text.Length)
                    throw new FormatException("unclosed string");
                char d = text[position++];
                if (d == '"')
                    return new SExpression { Atom = atom.ToString() };
                if (d == '\\')
                    d = text[position++];
                atom.Append(d);
            }
        }
        int start = position;
        while (position < text.Length && !char.IsWhiteSpace(text[position]) && text[position] != '(' && text[position] != ')')
            position++;
        return new SExpression { Atom = text[start..position] };
    }

    private static void SkipSpace(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
            position++;
    }
}
