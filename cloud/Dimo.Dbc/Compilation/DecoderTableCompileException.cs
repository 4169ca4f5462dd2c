namespace Dimo.Dbc.Compilation;

/// <summary>A DBC message or signal that the decoder table cannot represent (named in the message).</summary>
public sealed class DecoderTableCompileException(string reason) : Exception(reason);
