using Dimo.Core.Time;
using Dimo.Simulator.Dongles;
using Microsoft.Extensions.Time.Testing;
using Dimo.Core.Can;
using Dimo.Core.Dongle;
using Dimo.Core.Dongle.Config;
using Dimo.Core.Signals;

namespace Dimo.Core.Tests.Dongle.Config;

public class Loop_applies_config_from_its_inbox
{
    private static readonly int Speed = SignalCatalog.ByName("speed").Id;

    private sealed class QueuedBus : ICanBus
    {
        public Queue<CanFrame> Frames { get; } = new();
        public bool Send(CanFrame frame) => true;

        public bool Receive(CanFrame frame, int timeoutMilliseconds)
        {
            if (!Frames.TryDequeue(out var next))
                return false;
            next.CopyTo(frame);
            return true;
        }

        public void Enqueue(uint id, byte value)
        {
            var frame = new CanFrame();
            frame.Set(id, false, [value, 0, 0, 0, 0, 0, 0, 0], 0, 8);
            Frames.Enqueue(frame);
        }
    }

    private static (DongleLoop Loop, QueuedBus Bus, QueuedConfigInbox Inbox, DongleBuilder Builder) Build(MemoryConfigStorage storage, IClock clock)
    {
        var bus = new QueuedBus();
        var inbox = new QueuedConfigInbox();
        var builder = new DongleBuilder(clock) { SampleIntervalMilliseconds = 1 }
            .UseCanBus(bus)
            .DecodeWith(DecoderTable.Load(ConfigRig.Table(0x100, Speed)))
            .ConfigureFrom(storage, inbox, ConfigRig.Operator.Address)
            .PublishWith(new PrivateKeyStore(DongleRig.Key), new Spool(new MemoryFlash(4096, 4)), new FakeUplink());
        return (builder.Build(), bus, inbox, builder);
    }

    [Fact]
    public void A_table_from_the_config_topic_switches_decoding_and_the_version_is_reported()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000));
        var clock = new TimeProviderClock(time);
        var storage = new MemoryConfigStorage();
        var (loop, bus, inbox, _) = Build(storage, clock);
        bus.Enqueue(0x200, 50);
        loop.Step();
        Assert.Equal(0, loop.FramesDecoded);
        Assert.Equal(0, loop.ConfigVersion);

        inbox.Messages.Enqueue(ConfigRig.Message(4, "0C=5", ConfigRig.Table(0x200, Speed)));
        time.Advance(TimeSpan.FromMilliseconds(10));
        bus.Enqueue(0x200, 60);
        loop.Step();

        Assert.Equal(4, loop.ConfigVersion);
        Assert.Equal(1, loop.FramesDecoded);
    }

    [Fact]
    public void The_applied_version_travels_as_the_config_version_signal()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000));
        var clock = new TimeProviderClock(time);
        var uplink = new FakeUplink();
        var inbox = new QueuedConfigInbox();
        var loop = new DongleBuilder(clock) { SampleIntervalMilliseconds = 1 }
            .UseCanBus(new QueuedBus())
            .DecodeWith(DecoderTable.Load(ConfigRig.Table(0x100, Speed)))
            .ConfigureFrom(new MemoryConfigStorage(), inbox, ConfigRig.Operator.Address)
            .PublishWith(new PrivateKeyStore(DongleRig.Key), new Spool(new MemoryFlash(4096, 4)), uplink)
            .Build();
        loop.Status = new DeviceStatus();
        inbox.Messages.Enqueue(ConfigRig.Message(4, "0C=5", ConfigRig.Table(0x200, Speed)));
        loop.Step();
        loop.Seal();
        loop.Step();

        var versions = uplink.Published.Select(p => DongleRig.Read(p.Wire)).SelectMany(b => b.Readings)
            .Where(r => r.SignalId == SignalCatalog.IdOf("dimoAftermarketConfigVersion")).Select(r => r.Value);
        Assert.Equal([4.0], versions);
    }

    [Fact]
    public void After_a_reboot_the_dongle_decodes_with_the_table_it_was_sent()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000));
        var clock = new TimeProviderClock(time);
        var storage = new MemoryConfigStorage();
        var (first, _, inbox, _) = Build(storage, clock);
        inbox.Messages.Enqueue(ConfigRig.Message(2, "0C=5", ConfigRig.Table(0x200, Speed)));
        first.Step();

        var (loop, bus, _, builder) = Build(storage, clock);
        bus.Enqueue(0x200, 70);
        loop.Step();

        Assert.Equal(2, loop.ConfigVersion);
        Assert.Same(builder.Config, loop.Config);
        Assert.Equal(1, loop.FramesDecoded);
    }

    [Fact]
    public void A_rejected_config_leaves_the_loop_decoding_with_its_last_good_table()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000));
        var clock = new TimeProviderClock(time);
        var (loop, bus, inbox, _) = Build(new MemoryConfigStorage(), clock);
        inbox.Messages.Enqueue(ConfigRig.Message(1, "0C=5", ConfigRig.Table(0x200, Speed), ConfigRig.Stranger));
        bus.Enqueue(0x100, 80);
        loop.Step();

        Assert.Equal(0, loop.ConfigVersion);
        Assert.Equal(1, loop.Config!.Rejections(DeviceConfigError.BadSignature));
        Assert.Equal(1, loop.FramesDecoded);
    }
}
