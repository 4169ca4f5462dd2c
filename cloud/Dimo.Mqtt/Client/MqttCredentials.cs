namespace Dimo.Mqtt.Client;

/// <summary>What a client presents in CONNECT. Device logins are short-lived, so they are asked for on every connect.</summary>
public sealed record MqttCredentials(string Username, string Password);
