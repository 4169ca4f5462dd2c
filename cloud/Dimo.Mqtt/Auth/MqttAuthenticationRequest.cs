using System.Net;
using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Auth;

/// <summary>What a connecting client presented in CONNECT.</summary>
public sealed record MqttAuthenticationRequest(
    string ClientId,
    string? UserName,
    byte[]? Password,
    EndPoint? RemoteEndPoint,
    MqttProtocolVersion ProtocolVersion);
