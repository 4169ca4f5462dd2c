using Dimo.Core.Dongle;
using Dimo.Core.Time;

namespace Dimo.Core.Tests.Dongle;

public class Nothing_is_recorded_or_sealed_before_the_wall_clock_is_set
{
    [Fact]
    public void A_dongle_whose_rtc_still_reads_1970_collects_and_seals_nothing_until_sntp_sets_it()
    {
        // After power-up the ESP32's RTC counts from the epoch; SNTP sets it about 30 s later.
        var clock = new SettableClock(unixAtStart: 5_000);
        var uplink = new FakeUplink();
        var loop = new DongleLoop(clock, new PrivateKeyStore(DongleRig.Key), new Spool(new MemoryFlash(4096, 4)), uplink, 256) { BatchIntervalMilliseconds = 1000 };

        for (int t = 0; t < 30_000; t += 100)
        {
            loop.OnNumber(DongleRig.Speed, clock.UnixMilliseconds, 50);
            clock.Advance(100);
            loop.Step();
        }

        Assert.Equal(0, loop.BatchesSealed);
        Assert.Equal(0, loop.Spool.PendingCount);
        Assert.Empty(uplink.Published);
        Assert.Equal(300, loop.ReadingsBeforeClockSet);

        clock.Set(WallClock.EarliestValidUnixMilliseconds + 1000);
        for (int t = 0; t < 3_000; t += 100)
        {
            loop.OnNumber(DongleRig.Speed, clock.UnixMilliseconds, 50);
            clock.Advance(100);
            loop.Step();
        }
        loop.Step();

        Assert.Equal(3, loop.BatchesSealed);
        Assert.All(uplink.Published.SelectMany(p => DongleRig.Read(p.Wire).Readings), r => Assert.True(WallClock.IsSet(r.Time), $"reading stamped {r.Time}"));
    }

    [Fact]
    public void A_seal_asked_for_while_the_clock_reads_1970_is_put_off_and_the_readings_wait()
    {
        var settable = new SettableClock(unixAtStart: 0);
        var early = new DongleLoop(settable, new PrivateKeyStore(DongleRig.Key), new Spool(new MemoryFlash(4096, 4)), new FakeUplink(), 256);
        // A reading stamped by a set clock (an OBD answer timed elsewhere) while this loop's own clock is not set.
        early.OnNumber(DongleRig.Speed, WallClock.EarliestValidUnixMilliseconds + 5, 12);

        early.Seal();

        Assert.Equal(0, early.BatchesSealed);
        Assert.Equal(1, early.SealsBeforeClockSet);
        Assert.Equal(1, early.PendingReadings);
        settable.Set(WallClock.EarliestValidUnixMilliseconds + 10);
        early.Seal();
        Assert.Equal(1, early.BatchesSealed);
        Assert.Equal(0, early.PendingReadings);
    }

    [Fact]
    public void The_first_valid_time_is_the_first_of_2026()
    {
        Assert.False(WallClock.IsSet(0));
        Assert.False(WallClock.IsSet(DateTimeOffset.Parse("2025-12-31T23:59:59.999Z").ToUnixTimeMilliseconds()));
        Assert.True(WallClock.IsSet(DateTimeOffset.Parse("2026-01-01T00:00:00Z").ToUnixTimeMilliseconds()));
    }

    private sealed class SettableClock(long unixAtStart) : IClock
    {
        private long _offset = unixAtStart;
        public long MonotonicMilliseconds { get; private set; }
        public long UnixMilliseconds => _offset + MonotonicMilliseconds;
        public void Advance(long milliseconds) => MonotonicMilliseconds += milliseconds;
        public void Set(long unixMilliseconds) => _offset = unixMilliseconds - MonotonicMilliseconds;
    }
}
