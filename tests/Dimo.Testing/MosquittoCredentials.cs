namespace Dimo.Testing;

/// <summary>The client id, username and password a Mosquitto command-line client connects with.</summary>
public sealed record MosquittoCredentials(string ClientId, string Username, string Password);
