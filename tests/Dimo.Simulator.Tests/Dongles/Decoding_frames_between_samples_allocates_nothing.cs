using Dimo.Core.Can;
using Dimo.Core.Dongle;
using Dimo.Core.Crypto;
using Dimo.Simulator.Dongles;
using Dimo.Simulator.Ecu;
using Dimo.Testing;

namespace Dimo.Simulator.Tests.Dongles;

public class Decoding_frames_between_samples_allocates_nothing
{
    [Fact]
    public void A_burst_of_frames_within_one_sample_interval_decodes_without_allocating()
    {
        var table = DecoderTables.Load(RepositoryRoot.File("cloud", "Dimo.Dbc", "selections", "honda_civic_2017.json"), out _);
        var clock = new TimeProviderClock(new VirtualClock());
        var loop = new DongleLoop(clock, new PrivateKeyStore(PrivateKey.Generate(new SeededEntropy(3))),
            new Spool(new MemoryFlash(4096, 4)), new SilentUplink(), 256);
        loop.AttachCan(null!, new FrameDecoder(table));
        var frame = new CanFrame();
        // ENGINE_DATA (0x158) carries XMISSION_SPEED, mapped to the catalog's speed.
        frame.Set(0x158, false, [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x19], 0, 8);
        loop.OnCanFrame(frame);
        long collected = loop.ReadingsCollected;
        long decodedBefore = loop.FramesDecoded;

        long allocated = SteadyStateAllocations.Measure(() =>
        {
            for (int i = 0; i < 10_000; i++)
                loop.OnCanFrame(frame);
        });

        Assert.True(collected > 0);
        Assert.Equal(0, (loop.FramesDecoded - decodedBefore) % 10_000);
        Assert.True(loop.FramesDecoded - decodedBefore >= 20_000, "the burst ran at least twice");
        Assert.Equal(collected, loop.ReadingsCollected);
        Assert.Equal(0, allocated);
    }
}
