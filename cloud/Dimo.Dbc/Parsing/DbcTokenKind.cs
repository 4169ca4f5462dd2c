namespace Dimo.Dbc.Parsing;

public enum DbcTokenKind
{
    Identifier,
    Number,
    String,
    Punctuation,
    End,
}
