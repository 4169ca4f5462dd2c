namespace Dimo.Load;

/// <summary>A load run that cannot start as asked (bad options, a broker that refuses).</summary>
public sealed class LoadException(string message, Exception? inner = null) : Exception(message, inner);
