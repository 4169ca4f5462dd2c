namespace Dimo.Dbc.Parsing;

/// <param name="Text">The identifier, number text, string contents (unescaped) or punctuation character.</param>
/// <param name="Line">1-based line where the token starts.</param>
/// <param name="StartsLine">True when no other token precedes it on its line.</param>
/// <param name="Indented">True when whitespace precedes it on its line.</param>
public readonly record struct DbcToken(DbcTokenKind Kind, string Text, int Line, bool StartsLine, bool Indented)
{
    public bool Is(DbcTokenKind kind, string text) => Kind == kind && Text == text;

    public bool IsPunctuation(char c) => Kind == DbcTokenKind.Punctuation && Text.Length == 1 && Text[0] == c;

    public override string ToString() => Kind switch
    {
        DbcTokenKind.String => "\"" + Text + "\"",
        DbcTokenKind.End => "end of file",
        _ => "'" + Text + "'",
    };
}
