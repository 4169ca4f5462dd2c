using System.Text;
using System.Text.Json.Nodes;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;

namespace Dimo.Ingest.BrokerSecurity;

/// <summary>
/// Mosquitto's dynamic security plugin as a remote API: JSON commands published to <see cref="CommandTopic"/> by an
/// admin client, one JSON response per command on <see cref="ResponseTopic"/>. Each call opens its own short
/// connection (changes are rare: a device registered or revoked, a reconciliation), so nothing depends on a session.
/// </summary>
public sealed class DynamicSecurityAdmin(MqttClientOptions adminConnection)
{
    public const string CommandTopic = "$CONTROL/dynamic-security/v1";
    public const string ResponseTopic = CommandTopic + "/response";

    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runs <paramref name="commands"/> in order and returns one response object per command (its <c>error</c>, if
    /// any, is for the caller to judge: "already exists" is fine when ensuring).
    /// </summary>
    public async Task<IReadOnlyList<JsonObject>> RunAsync(IReadOnlyList<JsonObject> commands, CancellationToken cancellationToken = default)
    {
        var correlation = Guid.NewGuid().ToString("N");
        for (var i = 0; i < commands.Count; i++)
            commands[i]["correlationData"] = correlation + ":" + i;
        var answered = new TaskCompletionSource<JsonArray>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = new MqttClient(adminConnection with
        {
            ProtocolVersion = MqttProtocolVersion.V500,
            CleanStart = true,
            SessionExpirySeconds = 0,
            ManualAcknowledgement = false,
            Reconnect = MqttReconnectPolicy.Never,
        });
        client.MessageReceived = message =>
        {
            if (message.Topic == ResponseTopic && JsonNode.Parse(Encoding.UTF8.GetString(message.Payload.Span))?["responses"] is JsonArray responses
                && responses.Count > 0 && (string?)responses[0]?["correlationData"] == correlation + ":0")
                answered.TrySetResult(responses);
            return ValueTask.CompletedTask;
        };
        await client.ConnectAsync(cancellationToken);
        var granted = await client.SubscribeAsync(ResponseTopic, MqttQualityOfService.AtLeastOnce, cancellationToken);
        if (granted >= MqttReasonCode.UnspecifiedError)
            throw new MqttClientException(granted, "the broker refused the dynamic security responses to this admin (" + granted + "): is it the plugin's admin client?");
        var request = new JsonObject { ["commands"] = new JsonArray(commands.Select(c => (JsonNode)c).ToArray()) };
        await client.PublishAsync(CommandTopic, Encoding.UTF8.GetBytes(request.ToJsonString()), MqttQualityOfService.AtLeastOnce, cancellationToken: cancellationToken);
        JsonArray answer;
        try
        {
            answer = await answered.Task.WaitAsync(ResponseTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("no dynamic security response within " + ResponseTimeout.TotalSeconds
                                       + " s: is mosquitto_dynamic_security.so loaded (plugin line in mosquitto.conf)?");
        }
        await client.DisconnectAsync();
        return answer.Select(r => r as JsonObject ?? new JsonObject { ["error"] = "empty response" }).ToList();
    }

    /// <summary>As <see cref="RunAsync"/>, failing on any error except those <paramref name="tolerated"/> says are fine.</summary>
    public async Task<IReadOnlyList<JsonObject>> RunCheckedAsync(IReadOnlyList<JsonObject> commands, Func<string, string, bool> tolerated,
        CancellationToken cancellationToken = default)
    {
        var responses = await RunAsync(commands, cancellationToken);
        foreach (var response in responses)
        {
            if ((string?)response["error"] is { } error && !tolerated((string?)response["command"] ?? "", error))
                throw new DynamicSecurityException((string?)response["command"] ?? "?", error);
        }
        return responses;
    }
}
