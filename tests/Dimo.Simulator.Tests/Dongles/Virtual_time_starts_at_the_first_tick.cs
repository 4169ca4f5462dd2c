using Dimo.Core.Crypto;
using Dimo.Simulator.Dongles;
using Dimo.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dimo.Simulator.Tests.Dongles;

public class Virtual_time_starts_at_the_first_tick
{
    [Fact]
    public async Task Seconds_spent_before_the_first_tick_are_not_replayed_and_later_ticks_follow_the_hosts_time()
    {
        var host = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000));
        // Not connected: nothing here needs a broker.
        await using var dongle = new VirtualDongle(new VirtualDongleOptions
        {
            Mqtt = new Uri("mqtt://127.0.0.1:1"),
            Key = PrivateKey.Generate(new SeededEntropy(9)),
            Vin = VirtualDongleOptions.VinFor(9),
            Time = host,
        });

        // Provisioning and connecting a fleet take seconds before it ticks.
        host.Advance(TimeSpan.FromSeconds(5));
        dongle.Tick();
        long afterFirstTick = dongle.Clock.MonotonicMilliseconds;
        // The first tick only polls the car (each OBD exchange costs the ECU's few virtual milliseconds).
        Assert.True(afterFirstTick < 1000, $"virtual time {afterFirstTick} ms after the first tick");

        host.Advance(TimeSpan.FromSeconds(2));
        dongle.Tick();
        Assert.True(dongle.Clock.MonotonicMilliseconds >= 2000, $"virtual time {dongle.Clock.MonotonicMilliseconds} ms two host seconds later");
        // Its wall clock starts at the host's time when it was made (no shift asked for) and runs with its virtual time.
        Assert.Equal(1_767_225_600_000 + dongle.Clock.MonotonicMilliseconds, dongle.Clock.UnixMilliseconds);
    }
}
