using Dimo.Mqtt.Server;

namespace Dimo.Mqtt.Tests.Server;

public static class TestServers
{
    /// <summary>A server in development mode (anyone, any topic), optionally adjusted.</summary>
    public static MqttServer Anonymous(Action<MqttServerOptions>? configure = null)
    {
        var options = new MqttServerOptions { AllowAnonymous = true };
        configure?.Invoke(options);
        return new MqttServer(options);
    }

    public static string Text(this ReadOnlyMemory<byte> payload) => System.Text.Encoding.UTF8.GetString(payload.Span);
}
