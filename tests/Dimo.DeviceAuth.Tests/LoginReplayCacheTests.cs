using Dimo.DeviceAuth;
using Dimo.Mqtt.Auth;

namespace Dimo.DeviceAuth.Tests;

public sealed class LoginReplayCacheTests
{
    [Fact]
    public void Token_is_refused_until_it_expires_and_then_forgotten()
    {
        var cache = new LoginReplayCache();

        Assert.True(cache.TryRecord("a", expiresUnixSeconds: 100, nowUnixSeconds: 10));
        Assert.False(cache.TryRecord("a", expiresUnixSeconds: 100, nowUnixSeconds: 100));
        Assert.True(cache.TryRecord("b", expiresUnixSeconds: 200, nowUnixSeconds: 101));

        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Cache_holds_no_more_than_the_tokens_of_one_window()
    {
        var cache = new LoginReplayCache();
        const long window = 300;

        for (long now = 0; now < 10_000; now++)
            Assert.True(cache.TryRecord("token-" + now, now + window, now));

        Assert.InRange(cache.Count, window, window + 1);
    }
}
