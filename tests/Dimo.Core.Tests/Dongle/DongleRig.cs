using Dimo.Core.Crypto;
using Dimo.Core.Dongle;
using Dimo.Core.Signals;
using Dimo.Core.Time;
using Dimo.Core.Wire;
using Dimo.Simulator.Dongles;
using Microsoft.Extensions.Time.Testing;

namespace Dimo.Core.Tests.Dongle;

/// <summary>A dongle on fakes that can be rebooted: flash and uplink outlive the loop, as on the device.</summary>
public sealed class DongleRig
{
    public static readonly PrivateKey Key = PrivateKey.FromBytes(Convert.FromHexString("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"));
    public static readonly int Speed = SignalCatalog.ByName("speed").Id;

    public DongleRig(int sectorSize = 4096, int sectorCount = 4, FlashModel model = FlashModel.Nor, DeviceStatus? status = null)
    {
        Clock = new TimeProviderClock(Time);
        Storage = new SpoolStorage(model, sectorSize, sectorCount);
        Status = status;
        Boot();
    }

    /// <summary>The spool's flash (or files), with power cuts on demand.</summary>
    public SpoolStorage Storage { get; }
    public FakeUplink Uplink { get; } = new();
    /// <summary>The test's time; the loop reads it as the core's <see cref="IClock"/> through <see cref="Clock"/>.</summary>
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000));
    public IClock Clock { get; }
    public DongleLoop Loop { get; private set; } = null!;

    /// <summary>Given to each booted loop; null reports no status signals.</summary>
    public DeviceStatus? Status { get; set; }

    /// <summary>Starts the dongle afresh on the same flash (after a power cut or a reset).</summary>
    public void Boot()
    {
        Loop = new DongleLoop(Clock, new PrivateKeyStore(Key), new Spool(Storage.Boot()), Uplink, 256) { BatchIntervalMilliseconds = 1000, Status = Status };
    }

    /// <summary>Feeds one speed reading per 100 ms and steps the loop, for <paramref name="milliseconds"/>.</summary>
    public void Drive(int milliseconds)
    {
        for (int t = 0; t < milliseconds; t += 100)
        {
            Loop.OnNumber(Speed, Clock.UnixMilliseconds, t % 120);
            Time.Advance(TimeSpan.FromMilliseconds(100));
            Loop.Step();
        }
        // One more pass at the same time takes the acknowledgements of what the last pass published.
        Loop.Step();
    }

    /// <summary>Every batch handed to the uplink, decoded, once per (boot, seq).</summary>
    public List<Batch> PublishedBatches() =>
        Uplink.Published.Select(p => Read(p.Wire)).DistinctBy(b => (b.BootId, b.Seq)).ToList();

    public static Batch Read(byte[] wire) => new BatchReader().ReadBody(wire, 0, wire.Length - SignedBatch.SignatureLength);
}
