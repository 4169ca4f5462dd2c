using System.Net;

namespace Dimo.Mqtt.Auth;

/// <summary>A connected client as the authorizer sees it.</summary>
public sealed record MqttClientIdentity(string ClientId, string? UserName, string? Identity, EndPoint? RemoteEndPoint);
