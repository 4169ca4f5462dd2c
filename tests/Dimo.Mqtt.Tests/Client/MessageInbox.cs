using System.Text;
using System.Threading.Channels;
using Dimo.Mqtt.Client;

namespace Dimo.Mqtt.Tests.Client;

/// <summary>Collects what a client receives so a test can wait for it.</summary>
internal sealed class MessageInbox
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private readonly Channel<MqttReceivedMessage> _messages = Channel.CreateUnbounded<MqttReceivedMessage>();

    public MessageInbox(MqttClient client) => client.MessageReceived = message =>
    {
        _messages.Writer.TryWrite(message);
        return ValueTask.CompletedTask;
    };

    public async Task<MqttReceivedMessage> NextAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? Patience);
        try
        {
            return await _messages.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no message within " + (timeout ?? Patience));
        }
    }

    /// <summary>True when nothing arrives within <paramref name="quiet"/>.</summary>
    public async Task<bool> StaysEmptyAsync(TimeSpan quiet)
    {
        using var deadline = new CancellationTokenSource(quiet);
        try
        {
            await _messages.Reader.WaitToReadAsync(deadline.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public static string Text(MqttReceivedMessage message) => Encoding.UTF8.GetString(message.Payload.Span);
}
