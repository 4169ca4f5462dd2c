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
    /// <summary>Bytes written since the last flush; changed only under the write lock.</summary>
    private int _unflushedBytes;
    private bool _outputCompleted;

    public MqttChannel(IDuplexPipe pipe, MqttPacketFormatter? formatter = null)
    {
        _pipe = pipe;
        Formatter = formatter ?? MqttPacketFormatter.V500;
    }

    /// <summary>The protocol version spoken; set once CONNECT has told it.</summary>
    public MqttPacketFormatter Formatter { get; set; }

    /// <summary>The largest packet we accept; bigger ones fail with PacketTooLarge before their body is buffered.</summary>
    public uint MaxIncomingPacketSize { get; set; } = MqttPacketFormatter.MaxPossiblePacketSize;

    /// <summary>Buffered bytes beyond which a buffered write flushes anyway, so a burst never piles up unsent.</summary>
    public int FlushThreshold { get; set; } = 64 * 1024;

    /// <summary>The largest packet the peer accepts (MQTT 5 Maximum Packet Size); null when it set none.</summary>
    public uint? MaxOutgoingPacketSize { get; set; }

    /// <summary>
    /// Whether a read flushes buffered output before it waits for input (the server's loops rely on it). A side with
    /// its own flushing writer turns it off: a reader stuck on a full output could no longer take the peer's packets,
    /// and a peer whose own reader waits the same way would never read ours.
    /// </summary>
    public bool FlushBeforeReading { get; init; } = true;

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
    /// Sends <paramref name="packet"/> and flushes it with whatever was buffered before. Returns false, sending
    /// nothing, when it is larger than the peer's maximum packet size (the spec has the sender discard such a packet).
    /// </summary>
    public ValueTask<bool> WritePacketAsync(MqttPacket packet, CancellationToken cancellationToken = default) =>
        WriteAsync(packet, flush: true, cancellationToken);

    /// <summary>
    /// Writes <paramref name="packet"/> without flushing, so that packets ready together leave in one send. It goes
    /// out with the next flush: the next <see cref="WritePacketAsync"/> or <see cref="FlushAsync"/>, at the latest
    /// when the reader waits for more input, or once <see cref="FlushThreshold"/> bytes are waiting.
    /// Returns false, as <see cref="WritePacketAsync"/> does, for a packet too large for the peer.
    /// </summary>
    public ValueTask<bool> BufferPacketAsync(MqttPacket packet, CancellationToken cancellationToken = default) =>
        WriteAsync(packet, flush: false, cancellationToken);

    /// <summary>Sends whatever <see cref="BufferPacketAsync"/> left waiting.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _unflushedBytes) == 0)
            return;
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            if (_unflushedBytes > 0)
                await FlushLockedAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async ValueTask<bool> WriteAsync(MqttPacket packet, bool flush, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var output = _pipe.Output;
            int written;
            if (MaxOutgoingPacketSize is { } max)
            {
                _sizedScratch.ResetWrittenCount();
                written = Formatter.Encode(packet, _sizedScratch);
                if (written > max)
                    return false;
                output.Write(_sizedScratch.WrittenSpan);
            }
            else
            {
                written = Formatter.Encode(packet, output);
            }
            _unflushedBytes += written;
            if (flush || _unflushedBytes >= FlushThreshold)
                await FlushLockedAsync(cancellationToken);
            return true;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async ValueTask FlushLockedAsync(CancellationToken cancellationToken)
    {
        _unflushedBytes = 0;
        var result = await _pipe.Output.FlushAsync(cancellationToken);
        if (result.IsCompleted)
            throw new IOException("the peer stopped reading");
    }

    /// <summary>
    /// Ends the output after what was written so far (the peer reads end of stream), keeping the input open. On an
    /// in-memory pipe that is a half-close; Kestrel instead closes its socket entirely once the output completes.
    /// </summary>
    public async ValueTask CompleteOutputAsync()
    {
        await _writeLock.WaitAsync();
        try
        {
            if (_outputCompleted)
                return;
            _outputCompleted = true;
            await _pipe.Output.CompleteAsync();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Reads and drops whatever still arrives until the peer closes, <paramref name="limit"/> passes or
    /// <paramref name="maxBytes"/> have been dropped. Closing with unread input makes TCP send a reset, which can
    /// destroy what we sent last before the peer reads it.
    /// </summary>
    public async Task DrainInputAsync(TimeSpan limit, long maxBytes)
    {
        var input = _pipe.Input;
        using var timeout = new CancellationTokenSource(limit);
        long dropped = 0;
        try
        {
            while (dropped < maxBytes)
            {
                var result = await input.ReadAsync(timeout.Token);
                dropped += result.Buffer.Length;
                input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                    return;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException or ObjectDisposedException)
        {
            // Time is up or the transport is gone: either way there is nothing more to wait for.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _pipe.Input.CompleteAsync();
        await CompleteOutputAsync();
    }

    private delegate MqttPacket? Decoder(MqttChannel self, ref ReadOnlySequence<byte> buffer);

    private async ValueTask<MqttPacket?> ReadAsync(Decoder decode, CancellationToken cancellationToken)
    {
        var input = _pipe.Input;
        // A packet already buffered is returned without waiting; only before waiting for more input does buffered
        // output have to go, so the answers to a burst of packets leave together.
        if (input.TryRead(out var result) && TryTake(decode, result, out var packet))
            return packet;
        while (true)
        {
            if (FlushBeforeReading)
                await FlushAsync(cancellationToken);
            result = await input.ReadAsync(cancellationToken);
            if (TryTake(decode, result, out packet))
                return packet;
        }
    }

    /// <summary>Decodes the next packet from a read; false when more input is needed (the read is then consumed).</summary>
    private bool TryTake(Decoder decode, ReadResult result, out MqttPacket? packet)
    {
        var input = _pipe.Input;
        var buffer = result.Buffer;
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
            return true;
        }
        input.AdvanceTo(buffer.Start, buffer.End);
        if (result.IsCompleted || result.IsCanceled)
        {
            if (buffer.Length == 0)
                return true;
            throw new IOException("the connection closed in the middle of a packet");
        }
        return false;
    }
}
