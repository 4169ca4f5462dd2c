using System.Buffers;
using System.IO.Pipelines;
using Dimo.Mqtt.Formatting;
using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Transport;

/// <summary>
/// Packets over a duplex pipe: one reader at a time, any number of concurrent writers (writes are serialized).
/// Server and client both sit on this, whatever carries the pipe (Kestrel's TCP or TLS, or memory in tests).
/// </summary>
public sealed class MqttChannel : IAsyncDisposable
{
    private readonly IDuplexPipe _pipe;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _sizedScratch = new();

    public MqttChannel(IDuplexPipe pipe, MqttPacketFormatter? formatter = null)
    {
        _pipe = pipe;
        Formatter = formatter ?? MqttPacketFormatter.V500;
    }

    /// <summary>The protocol version spoken; set once CONNECT has told it.</summary>
    public MqttPacketFormatter Formatter { get; set; }

    /// <summary>The largest packet we accept; bigger ones fail with PacketTooLarge before their body is buffered.</summary>
    public uint MaxIncomingPacketSize { get; set; } = MqttPacketFormatter.MaxPossiblePacketSize;

    /// <summary>The largest packet the peer accepts (MQTT 5 Maximum Packet Size); null when it set none.</summary>
    public uint? MaxOutgoingPacketSize { get; set; }

    /// <summary>Reads the next packet; null when the peer closed the connection cleanly between packets.</summary>
    public ValueTask<MqttPacket?> ReadPacketAsync(CancellationToken cancellationToken) =>
        ReadAsync(static (MqttChannel self, ref ReadOnlySequence<byte> buffer) =>
            self.Formatter.TryDecode(ref buffer, self.MaxIncomingPacketSize), cancellationToken);

    /// <summary>Reads a server's first packet, which must be CONNECT, and switches to the version it asks for.</summary>
    public async ValueTask<MqttConnectPacket?> ReadConnectAsync(CancellationToken cancellationToken)
    {
        var packet = await ReadAsync(static (MqttChannel self, ref ReadOnlySequence<byte> buffer) =>
            MqttPacketFormatter.TryDecodeConnect(ref buffer, self.MaxIncomingPacketSize), cancellationToken);
        if (packet is MqttConnectPacket connect)
            Formatter = MqttPacketFormatter.For(connect.ProtocolVersion);
        return (MqttConnectPacket?)packet;
    }

    /// <summary>
    /// Sends <paramref name="packet"/>. Returns false, sending nothing, when it is larger than the peer's maximum
    /// packet size (the spec has the sender discard such a packet).
    /// </summary>
    public async ValueTask<bool> WritePacketAsync(MqttPacket packet, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var output = _pipe.Output;
            if (MaxOutgoingPacketSize is { } max)
            {
                _sizedScratch.ResetWrittenCount();
                if (Formatter.Encode(packet, _sizedScratch) > max)
                    return false;
                output.Write(_sizedScratch.WrittenSpan);
            }
            else
            {
                Formatter.Encode(packet, output);
            }
            var result = await output.FlushAsync(cancellationToken);
            if (result.IsCompleted)
                throw new IOException("the peer stopped reading");
            return true;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _pipe.Input.CompleteAsync();
        await _writeLock.WaitAsync();
        try
        {
            await _pipe.Output.CompleteAsync();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private delegate MqttPacket? Decoder(MqttChannel self, ref ReadOnlySequence<byte> buffer);

    private async ValueTask<MqttPacket?> ReadAsync(Decoder decode, CancellationToken cancellationToken)
    {
        var input = _pipe.Input;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            MqttPacket? packet;
            try
            {
                packet = decode(this, ref buffer);
            }
            catch
            {
                input.AdvanceTo(buffer.Start);
                throw;
            }
            if (packet != null)
            {
                input.AdvanceTo(buffer.Start);
                return packet;
            }
            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                if (buffer.Length == 0)
                    return null;
                throw new IOException("the connection closed in the middle of a packet");
            }
        }
    }
}
