using System.IO.Pipelines;

namespace Dimo.Mqtt.Transport;

/// <summary>Two ends of an in-memory connection: what one writes, the other reads.</summary>
public sealed class MqttDuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
{
    public PipeReader Input { get; } = input;
    public PipeWriter Output { get; } = output;

    public static (IDuplexPipe Client, IDuplexPipe Server) CreatePair()
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        return (new MqttDuplexPipe(toClient.Reader, toServer.Writer), new MqttDuplexPipe(toServer.Reader, toClient.Writer));
    }
}
