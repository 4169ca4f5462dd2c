namespace Dimo.Testing;

/// <summary>One message a Mosquitto command-line subscriber printed: its topic and its payload as text.</summary>
public sealed record MosquittoMessage(string Topic, string Payload);
