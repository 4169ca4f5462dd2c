using System.Text;

namespace Dimo.Dbc.Parsing;

/// <summary>
/// Splits DBC text into identifiers, numbers (including <c>.25</c>, <c>-40</c>, <c>2e-8</c>), strings
/// (which may span lines and escape quotes with a backslash) and single punctuation characters.
/// </summary>
public static class DbcTokenizer
{
    private const string PunctuationCharacters = ":;|@()[],+-";

    public static List<DbcToken> Tokenize(string text, string fileName)
    {
        var tokens = new List<DbcToken>();
        int line = 1;
        int lastTokenLine = 0;
        bool indented = false;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\n')
            {
                line++;
                indented = false;
                i++;
                continue;
            }
            if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                if (lastTokenLine != line)
                    indented = true;
                i++;
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                // Not DBC, but some hand-edited files carry // comments; they run to the end of the line.
                while (i < text.Length && text[i] != '\n')
                    i++;
                continue;
            }
            bool startsLine = lastTokenLine != line;
            int tokenLine = line;
            lastTokenLine = line;
            if (c == '"')
            {
                var value = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                        throw new DbcParseException(fileName, tokenLine, "unterminated string");
                    char s = text[i];
                    if (s == '"')
                    {
                        i++;
                        break;
                    }
                    if (s == '\\' && i + 1 < text.Length && (text[i + 1] == '"' || text[i + 1] == '\\'))
                    {
                        value.Append(text[i + 1]);
                        i += 2;
                        continue;
                    }
                    if (s == '\n')
                        line++;
                    if (s != '\r')
                        value.Append(s);
                    i++;
                }
                lastTokenLine = line;
                tokens.Add(new DbcToken(DbcTokenKind.String, value.ToString(), tokenLine, startsLine, indented));
            }
            else if (IsNumberStart(text, i))
            {
                int start = i;
                if (text[i] == '+' || text[i] == '-')
                    i++;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                    i++;
                if (i < text.Length && text[i] == '.')
                {
                    i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                        i++;
                }
                if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
                {
                    int exponent = i + 1;
                    if (exponent < text.Length && (text[exponent] == '+' || text[exponent] == '-'))
                        exponent++;
                    if (exponent < text.Length && char.IsAsciiDigit(text[exponent]))
                    {
                        i = exponent;
                        while (i < text.Length && char.IsAsciiDigit(text[i]))
                            i++;
                    }
                }
                if (i < text.Length && IsIdentifierPart(text[i]))
                {
                    // A name such as 5V_SUPPLY starts with digits; anything else glued to a number is an error.
                    if (!text[start..i].All(char.IsAsciiDigit))
                        throw new DbcParseException(fileName, tokenLine, $"malformed number '{text[start..(i + 1)]}'");
                    while (i < text.Length && IsIdentifierPart(text[i]))
                        i++;
                    tokens.Add(new DbcToken(DbcTokenKind.Identifier, text[start..i], tokenLine, startsLine, indented));
                    continue;
                }
                tokens.Add(new DbcToken(DbcTokenKind.Number, text[start..i], tokenLine, startsLine, indented));
            }
            else if (IsIdentifierStart(c))
            {
                int start = i;
                while (i < text.Length && IsIdentifierPart(text[i]))
                    i++;
                tokens.Add(new DbcToken(DbcTokenKind.Identifier, text[start..i], tokenLine, startsLine, indented));
            }
            else if (PunctuationCharacters.Contains(c))
            {
                i++;
                tokens.Add(new DbcToken(DbcTokenKind.Punctuation, c.ToString(), tokenLine, startsLine, indented));
            }
            else
            {
                throw new DbcParseException(fileName, tokenLine, $"unexpected character '{c}' (U+{(int)c:X4})");
            }
        }
        tokens.Add(new DbcToken(DbcTokenKind.End, "", line, true, false));
        return tokens;
    }

    private static bool IsNumberStart(string text, int i)
    {
        char c = text[i];
        if (char.IsAsciiDigit(c))
            return true;
        if (c == '.')
            return i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]);
        if (c == '+' || c == '-')
            return i + 1 < text.Length && (char.IsAsciiDigit(text[i + 1]) || (text[i + 1] == '.' && i + 2 < text.Length && char.IsAsciiDigit(text[i + 2])));
        return false;
    }

    private static bool IsIdentifierStart(char c) => c == '_' || char.IsLetter(c);

    private static bool IsIdentifierPart(char c) => c == '_' || char.IsLetterOrDigit(c);
}
