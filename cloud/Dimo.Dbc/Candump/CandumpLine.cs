using System.Globalization;
using System.Text.RegularExpressions;
using Dimo.Core.Can;

namespace Dimo.Dbc.Candump;

/// <summary>
/// Reads one line of SocketCAN candump text into a frame. Accepted shapes, each with an optional
/// <c>(timestamp)</c> and interface name in front: <c>123#DEADBEEF</c> (candump -l / cansend, dots allowed
/// between bytes, <c>_X</c> length-8 DLC suffix ignored), <c>123##1DEADBEEF</c> (CAN FD: one flags nibble,
/// then up to 64 bytes), <c>123#R</c> (remote: no data), and <c>123 [8] DE AD BE EF …</c> (candump's default
/// output). Ids of up to 3 hex digits are 11-bit, longer ones (candump prints 8) 29-bit.
/// </summary>
public static partial class CandumpLine
{
    /// <summary>
    /// Parses a line; false when it is not a frame. <paramref name="timestamp"/> is the timestamp text exactly
    /// as written when it is a plain decimal number (seconds), else null.
    /// </summary>
    public static bool TryParse(string line, CanFrame frame, out string? timestamp)
    {
        timestamp = null;
        var rest = line.AsSpan().Trim();
        if (rest.StartsWith("("))
        {
            int close = rest.IndexOf(')');
            if (close < 0)
                return false;
            var text = rest[1..close].Trim().ToString();
            timestamp = DecimalNumber().IsMatch(text) ? text : null;
            rest = rest[(close + 1)..].TrimStart();
        }
        var tokens = rest.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
            return false;
        int next = tokens[0].Contains('#') || (tokens.Length > 1 && tokens[1].StartsWith('[')) ? 0 : 1;
        if (next >= tokens.Length)
            return false;
        if (tokens[next].Contains('#'))
            return next == tokens.Length - 1 && TryParseCompact(tokens[next], frame);
        return TryParseSpaced(tokens, next, frame);
    }

    private static bool TryParseCompact(string token, CanFrame frame)
    {
        int hash = token.IndexOf('#');
        if (!TryParseId(token[..hash], out uint id, out bool extended))
            return false;
        string data = token[(hash + 1)..];
        int maxLength = 8;
        if (data.StartsWith('#'))
        {
            // CAN FD: the first nibble holds the BRS/ESI flags.
            if (data.Length < 2 || !Uri.IsHexDigit(data[1]))
                return false;
            data = data[2..];
            maxLength = CanFrame.MaxLength;
        }
        else if (data.StartsWith('R'))
        {
            return data.Length <= 2 && SetFrame(frame, id, extended, []);
        }
        else
        {
            int suffix = data.IndexOf('_');
            if (suffix >= 0)
                data = data[..suffix];
        }
        data = data.Replace(".", "");
        if (data.Length % 2 != 0 || data.Length / 2 > maxLength)
            return false;
        var bytes = new byte[data.Length / 2];
        for (int i = 0; i < bytes.Length; i++)
        {
            if (!byte.TryParse(data.AsSpan(2 * i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
                return false;
        }
        return SetFrame(frame, id, extended, bytes);
    }

    private static bool TryParseSpaced(string[] tokens, int at, CanFrame frame)
    {
        if (at + 1 >= tokens.Length || !TryParseId(tokens[at], out uint id, out bool extended))
            return false;
        string dlc = tokens[at + 1];
        if (!dlc.StartsWith('[') || !dlc.EndsWith(']')
            || !int.TryParse(dlc.AsSpan(1, dlc.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out int length)
            || length > CanFrame.MaxLength)
            return false;
        int first = at + 2;
        if (first < tokens.Length && tokens[first] == "remote")
            return SetFrame(frame, id, extended, []);
        if (tokens.Length - first != length)
            return false;
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            if (tokens[first + i].Length != 2
                || !byte.TryParse(tokens[first + i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
                return false;
        }
        return SetFrame(frame, id, extended, bytes);
    }

    private static bool TryParseId(string text, out uint id, out bool extended)
    {
        extended = text.Length > 3;
        id = 0;
        if (text.Length == 0 || text.Length > 8
            || !uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out id))
            return false;
        return id <= (extended ? DecoderTableFormat.ExtendedIdMask : 0x7FFu);
    }

    private static bool SetFrame(CanFrame frame, uint id, bool extended, byte[] data)
    {
        frame.Set(id, extended, data, 0, data.Length);
        return true;
    }

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?$")]
    private static partial Regex DecimalNumber();
}
