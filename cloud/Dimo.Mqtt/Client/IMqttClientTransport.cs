using System.IO.Pipelines;

namespace Dimo.Mqtt.Client;

/// <summary>One open connection from a <see cref="IMqttClientConnector"/>: its pipe, and how to drop it.</summary>
public interface IMqttClientTransport : IAsyncDisposable
{
    /// <summary>What the client writes goes to the server; what the server sends is read here.</summary>
    IDuplexPipe Pipe { get; }

    /// <summary>
    /// Drops the connection at once, as a network failure would; a read or write waiting on it ends. Disposing
    /// afterwards releases what is left. Safe to call more than once.
    /// </summary>
    void Abort();
}
