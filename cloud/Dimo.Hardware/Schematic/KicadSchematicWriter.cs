using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dimo.Hardware.Schematic;

/// <summary>
/// Writes a KiCad 6 schematic (file format 20211123, what Debian's KiCad 6.0 reads and writes) for a list of parts.
/// Every connected pin gets a global label with its net name placed exactly on the pin's end, which is how KiCad
/// connects it; every other pin gets a no-connect flag unless its type already says it is not connected. Symbols are embedded (lib_symbols), so the file opens
/// without any library. Parts are laid out in rows; UUIDs are derived from names, so the same input always gives the
/// same file and the committed schematic can be compared with a fresh generation.
/// </summary>
public static class KicadSchematicWriter
{
    public const string FileFormatVersion = "20211123";
    public const string LibraryNickname = "Dimo";

    // Geometry in mils (1/1000 inch) on KiCad's 50-mil grid; written as millimetres.
    private const int Pitch = 100;
    private const int PinLength = 100;
    private const int Margin = 600;
    private const int CharWidth = 50;

    private static readonly (string Name, int Width, int Height)[] Papers =
        [("A3", 16535, 11693), ("A2", 23386, 16535), ("A1", 33110, 23386)];

    public static string Write(IReadOnlyList<SchematicPart> parts, string title, string revision, string comment)
    {
        var (paper, placements) = Layout(parts);
        var s = new StringBuilder();
        s.Append("(kicad_sch (version ").Append(FileFormatVersion).Append(") (generator eeschema)\n\n");
        s.Append("  (uuid ").Append(Uuid("sheet:" + title)).Append(")\n\n");
        s.Append("  (paper \"").Append(paper).Append("\")\n\n");
        s.Append("  (title_block\n");
        s.Append("    (title ").Append(Quote(title)).Append(")\n");
        s.Append("    (rev ").Append(Quote(revision)).Append(")\n");
        s.Append("    (comment 1 ").Append(Quote(comment)).Append(")\n");
        s.Append("  )\n\n");

        s.Append("  (lib_symbols\n");
        foreach (var symbol in parts.Select(p => p.Symbol).DistinctBy(d => d.Name).OrderBy(d => d.Name, StringComparer.Ordinal))
            WriteLibSymbol(s, symbol);
        s.Append("  )\n\n");

        foreach (var placement in placements)
            WriteLabelsAndFlags(s, placement);
        foreach (var placement in placements)
            WriteInstance(s, placement);

        s.Append("  (sheet_instances\n    (path \"/\" (page \"1\"))\n  )\n\n");
        s.Append("  (symbol_instances\n");
        foreach (var placement in placements.OrderBy(p => p.Part.Reference, NaturalOrder.Instance))
        {
            var part = placement.Part;
            s.Append("    (path \"/").Append(Uuid("symbol:" + part.Reference)).Append("\"\n");
            s.Append("      (reference ").Append(Quote(part.Reference)).Append(") (unit 1) (value ").Append(Quote(part.Value))
                .Append(") (footprint ").Append(Quote(part.Footprint)).Append(")\n    )\n");
        }
        s.Append("  )\n)\n");
        return s.ToString();
    }

    private sealed record Placement(SchematicPart Part, int X, int Y);

    /// <summary>Half the body width: pin names of both sides must fit inside the box.</summary>
    private static int HalfWidth(SymbolDefinition symbol)
    {
        if (!symbol.ShowPinNames)
            return 100;
        int left = symbol.Left.Select(p => DisplayLength(p.Name)).DefaultIfEmpty(0).Max();
        int right = symbol.Right.Select(p => DisplayLength(p.Name)).DefaultIfEmpty(0).Max();
        int half = ((left + right) * CharWidth + 200) / 2;
        return Math.Max(200, RoundUp(half, Pitch));
    }

    private static int HalfHeight(SymbolDefinition symbol) => symbol.Rows * Pitch / 2 + 50;

    /// <summary>Pin end in symbol coordinates (Y up) and the pin's direction from its end toward the body.</summary>
    private static IEnumerable<(SymbolPin Pin, int X, int Y, int Angle)> PinEnds(SymbolDefinition symbol)
    {
        int half = HalfWidth(symbol);
        int top = (symbol.Rows - 1) * Pitch / 2;
        for (int i = 0; i < symbol.Left.Count; i++)
            yield return (symbol.Left[i], -(half + PinLength), top - i * Pitch, 0);
        for (int i = 0; i < symbol.Right.Count; i++)
            yield return (symbol.Right[i], half + PinLength, top - i * Pitch, 180);
    }

    private static int LabelRoom(SchematicPart part, IEnumerable<SymbolPin> pins) =>
        pins.Select(p => part.Nets.TryGetValue(p.Number, out var net) ? net.Length * CharWidth + 250 : 100).DefaultIfEmpty(0).Max();

    private static (string Paper, List<Placement> Placements) Layout(IReadOnlyList<SchematicPart> parts)
    {
        foreach (var (name, width, height) in Papers)
        {
            var placements = new List<Placement>();
            int x = Margin, y = Margin, rowHeight = 0;
            bool fits = true;
            foreach (var part in parts)
            {
                int half = HalfWidth(part.Symbol) + PinLength;
                int leftRoom = LabelRoom(part, part.Symbol.Left), rightRoom = LabelRoom(part, part.Symbol.Right);
                int cellWidth = RoundUp(leftRoom + 2 * half + rightRoom + 200, 50);
                int cellHeight = RoundUp(2 * HalfHeight(part.Symbol) + 500, 50);
                if (x + cellWidth > width - Margin && x > Margin)
                {
                    x = Margin;
                    y += rowHeight;
                    rowHeight = 0;
                }
                placements.Add(new Placement(part, RoundUp(x + leftRoom + half, 50), RoundUp(y + cellHeight / 2, 50)));
                x += cellWidth;
                rowHeight = Math.Max(rowHeight, cellHeight);
                if (y + rowHeight > height - Margin)
                    fits = false;
            }
            if (fits)
                return (name, placements);
        }
        throw new InvalidOperationException("the parts do not fit on an A1 sheet");
    }

    private static void WriteLibSymbol(StringBuilder s, SymbolDefinition symbol)
    {
        int half = HalfWidth(symbol), top = HalfHeight(symbol);
        s.Append("    (symbol ").Append(Quote(LibraryNickname + ":" + symbol.Name));
        if (!symbol.ShowPinNames)
            s.Append(" (pin_numbers hide) (pin_names (offset 0) hide)");
        else
            s.Append(" (pin_names (offset 1.016))");
        s.Append(symbol.InBom ? " (in_bom yes) (on_board yes)\n" : " (in_bom no) (on_board no)\n");
        Property(s, 6, "Reference", symbol.ReferencePrefix, 0, 0, top + 100, false);
        Property(s, 6, "Value", symbol.Name, 1, 0, -(top + 100), false);
        Property(s, 6, "Footprint", "", 2, 0, 0, true);
        Property(s, 6, "Datasheet", "", 3, 0, 0, true);
        Property(s, 6, "ki_description", symbol.Description, 4, 0, 0, true);
        s.Append("      (symbol ").Append(Quote(symbol.Name + "_0_1")).Append('\n');
        s.Append("        (rectangle (start ").Append(Mm(-half)).Append(' ').Append(Mm(top)).Append(") (end ")
            .Append(Mm(half)).Append(' ').Append(Mm(-top)).Append(")\n");
        s.Append("          (stroke (width 0.254) (type default) (color 0 0 0 0))\n");
        s.Append("          (fill (type background))\n        )\n      )\n");
        s.Append("      (symbol ").Append(Quote(symbol.Name + "_1_1")).Append('\n');
        foreach (var (pin, x, y, angle) in PinEnds(symbol))
        {
            s.Append("        (pin ").Append(pin.PinType).Append(" line (at ").Append(Mm(x)).Append(' ').Append(Mm(y)).Append(' ')
                .Append(angle).Append(") (length ").Append(Mm(PinLength)).Append(")\n");
            s.Append("          (name ").Append(Quote(pin.Name)).Append(" (effects (font (size 1.27 1.27))))\n");
            s.Append("          (number ").Append(Quote(pin.Number)).Append(" (effects (font (size 1.27 1.27))))\n");
            s.Append("        )\n");
        }
        s.Append("      )\n    )\n");
    }

    /// <summary>A symbol field, in the library (indent 6) or on an instance (indent 4).</summary>
    private static void Property(StringBuilder s, int indent, string key, string value, int id, int x, int y, bool hide)
    {
        string pad = new(' ', indent);
        s.Append(pad).Append("(property ").Append(Quote(key)).Append(' ').Append(Quote(value)).Append(" (id ").Append(id)
            .Append(") (at ").Append(Mm(x)).Append(' ').Append(Mm(y)).Append(" 0)\n");
        s.Append(pad).Append("  (effects (font (size 1.27 1.27))").Append(hide ? " hide" : "").Append(")\n").Append(pad).Append(")\n");
    }

    private static void WriteLabelsAndFlags(StringBuilder s, Placement placement)
    {
        var part = placement.Part;
        foreach (var (pin, px, py, angle) in PinEnds(part.Symbol))
        {
            // Schematic Y grows downward; symbol Y grows upward.
            int x = placement.X + px, y = placement.Y - py;
            if (!part.Nets.TryGetValue(pin.Number, out var net))
            {
                // A pin of type no_connect is unconnected by definition; KiCad's ERC warns about a flag on it.
                if (pin.PinType == "no_connect")
                    continue;
                s.Append("  (no_connect (at ").Append(Mm(x)).Append(' ').Append(Mm(y)).Append(") (uuid ")
                    .Append(Uuid($"nc:{part.Reference}:{pin.Number}")).Append("))\n");
                continue;
            }
            // A left pin's label reads leftward (180), a right pin's rightward (0), away from the body.
            int labelAngle = angle == 0 ? 180 : 0;
            string justify = labelAngle == 180 ? "right" : "left";
            s.Append("  (global_label ").Append(Quote(net)).Append(" (shape passive) (at ").Append(Mm(x)).Append(' ').Append(Mm(y))
                .Append(' ').Append(labelAngle).Append(") (fields_autoplaced)\n");
            s.Append("    (effects (font (size 1.27 1.27)) (justify ").Append(justify).Append("))\n");
            s.Append("    (uuid ").Append(Uuid($"label:{part.Reference}:{pin.Number}")).Append(")\n");
            s.Append("    (property \"Intersheet References\" \"${INTERSHEET_REFS}\" (id 0) (at ").Append(Mm(x)).Append(' ')
                .Append(Mm(y)).Append(" 0)\n");
            s.Append("      (effects (font (size 1.27 1.27)) hide)\n    )\n  )\n");
        }
    }

    private static void WriteInstance(StringBuilder s, Placement placement)
    {
        var part = placement.Part;
        int top = HalfHeight(part.Symbol);
        s.Append("\n  (symbol (lib_id ").Append(Quote(LibraryNickname + ":" + part.Symbol.Name)).Append(") (at ")
            .Append(Mm(placement.X)).Append(' ').Append(Mm(placement.Y)).Append(" 0) (unit 1)\n");
        s.Append(part.Symbol.InBom ? "    (in_bom yes) (on_board yes)\n" : "    (in_bom no) (on_board no)\n");
        s.Append("    (uuid ").Append(Uuid("symbol:" + part.Reference)).Append(")\n");
        Property(s, 4, "Reference", part.Reference, 0, placement.X, placement.Y - top - 100, false);
        Property(s, 4, "Value", part.Value, 1, placement.X, placement.Y + top + 100, false);
        Property(s, 4, "Footprint", part.Footprint, 2, placement.X, placement.Y, true);
        Property(s, 4, "Datasheet", "~", 3, placement.X, placement.Y, true);
        foreach (var pin in part.Symbol.Pins)
            s.Append("    (pin ").Append(Quote(pin.Number)).Append(" (uuid ").Append(Uuid($"pin:{part.Reference}:{pin.Number}")).Append("))\n");
        s.Append("  )\n");
    }

    /// <summary>Characters a pin name shows: KiCad's overbar markup ~{…} draws no braces.</summary>
    private static int DisplayLength(string name) => name.Replace("~{", "").Replace("}", "").Length;

    private static int RoundUp(int value, int step) => (value + step - 1) / step * step;

    /// <summary>Mils to millimetres, exact in decimal (1 mil = 0.0254 mm).</summary>
    public static string Mm(int mils) => (mils * 0.0254m).ToString("0.####", CultureInfo.InvariantCulture);

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>A stable UUID from a name (SHA-256 truncated, version 4 / variant bits set so KiCad accepts it).</summary>
    public static string Uuid(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("dimo-hardware:" + name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x40);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString("D");
    }
}
