using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Server;

/// <summary>
/// The in-order processor's next step: handle <see cref="Packet"/>, or wait for the handling the read loop
/// already <see cref="Started"/> (it started it at once because nothing was ahead, but it has to wait).
/// </summary>
internal readonly record struct InboundWork(MqttPacket? Packet, Task? Started);
