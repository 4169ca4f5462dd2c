namespace Dimo.Dbc.Compilation;

/// <summary>A selection that names a message, signal or catalog entry that does not exist, or is not valid JSON.</summary>
public sealed class DbcSelectionException(string reason) : Exception(reason);
