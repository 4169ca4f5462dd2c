using BenchmarkDotNet.Attributes;
using Dimo.Core.Can;
using Dimo.Core.Crypto;
using Dimo.Core.Dongle;
using Dimo.Core.Signals;
using Dimo.Simulator.Dongles;
using Dimo.Simulator.Ecu;
using Dimo.Testing;

namespace Dimo.Benchmarks;

/// <summary>
/// The dongle loop's costs on .NET: one passive CAN frame decoded between samples (the per-frame path), and one
/// whole batch cycle: 60 readings sealed, signed, spooled, published and acknowledged.
/// </summary>
[MemoryDiagnoser]
public class DongleBenchmarks
{
    private readonly CanFrame _frame = new();
    private readonly AcknowledgingUplink _uplink = new();
    private DongleLoop _passive = null!;
    private DongleLoop _batching = null!;
    private VirtualClock _clock = null!;
    private int _speed;

    private sealed class AcknowledgingUplink : IUplink
    {
        private readonly Queue<uint> _acks = new();
        public bool IsConnected => true;
        public int ConnectionEpoch => 1;
        public bool Publish(uint seq, byte[] wire)
        {
            _acks.Enqueue(seq);
            return true;
        }
        public bool TryTakeAcknowledged(out uint seq) => _acks.TryDequeue(out seq);
    }

    [GlobalSetup]
    public void Setup()
    {
        var key = new PrivateKeyStore(PrivateKey.FromBytes(Hex.Decode("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")));
        _clock = new VirtualClock();
        var table = DecoderTables.Load(RepositoryRoot.File("cloud", "Dimo.Dbc", "selections", "honda_civic_2017.json"), out _);
        _passive = new DongleLoop(new TimeProviderClock(_clock), key, new Spool(new MemoryFlash(32 * 1024, 16)), _uplink, 1024);
        _passive.AttachCan(null!, new FrameDecoder(table));
        _frame.Set(0x158, false, [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x19], 0, 8);
        _passive.OnCanFrame(_frame);
        _batching = new DongleLoop(new TimeProviderClock(_clock), key, new Spool(new MemoryFlash(32 * 1024, 16)), _uplink, 1024)
        {
            SampleIntervalMilliseconds = 1,
        };
        _speed = SignalCatalog.ByName("speed").Id;
    }

    [Benchmark]
    public void DecodeFrameBetweenSamples() => _passive.OnCanFrame(_frame);

    [Benchmark]
    public void BatchOf60SealedSignedSpooledAndAcknowledged()
    {
        long time = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        for (int i = 0; i < 60; i++)
            _batching.OnNumber(_speed, time + i, i);
        _clock.Advance(1);
        _batching.Seal();
        _batching.Step();
        _batching.Step();
    }
}
