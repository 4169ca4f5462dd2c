namespace Dimo.Dbc;

/// <summary>A DBC file that cannot be parsed: names the file, the line and the reason.</summary>
public sealed class DbcParseException(string fileName, int line, string reason)
    : Exception($"{fileName}:{line}: {reason}")
{
    public string FileName { get; } = fileName;

    public int Line { get; } = line;

    public string Reason { get; } = reason;
}
