using Dimo.Core.Crypto;
using Dimo.Core.Tests.Dongle;

namespace Dimo.Core.Tests.Crypto;

public class EntropyPool_output_depends_on_the_source_and_every_sample
{
    private static byte[] Draw(EntropyPool pool, int count)
    {
        var bytes = new byte[count];
        pool.Fill(bytes, 0, count);
        return bytes;
    }

    private static EntropyPool Pool(int seed, params long[] samples)
    {
        var pool = new EntropyPool(new SeededEntropy(seed));
        foreach (long sample in samples)
            pool.AddSample(sample);
        return pool;
    }

    [Fact]
    public void The_same_source_and_samples_give_the_same_bytes()
    {
        Assert.Equal(Draw(Pool(7, 1, 2, 3), 70), Draw(Pool(7, 1, 2, 3), 70));
    }

    [Fact]
    public void One_different_sample_changes_every_block()
    {
        byte[] a = Draw(Pool(7, 1, 2, 3), 64), b = Draw(Pool(7, 1, 2, 4), 64);
        Assert.NotEqual(a[..32], b[..32]);
        Assert.NotEqual(a[32..], b[32..]);
    }

    [Fact]
    public void The_order_of_samples_matters()
    {
        Assert.NotEqual(Draw(Pool(7, 1, 2), 32), Draw(Pool(7, 2, 1), 32));
    }

    [Fact]
    public void A_different_source_changes_the_output_even_with_the_same_samples()
    {
        Assert.NotEqual(Draw(Pool(7, 1, 2, 3), 32), Draw(Pool(8, 1, 2, 3), 32));
    }

    [Fact]
    public void A_constant_source_still_yields_distinct_blocks_that_are_not_the_source()
    {
        var pool = new EntropyPool(new ConstantEntropy());
        pool.AddSample(Environment.TickCount64);
        byte[] first = Draw(pool, 32), second = Draw(pool, 32);
        Assert.NotEqual(first, second);
        Assert.NotEqual(new byte[32], first);
        Assert.NotEqual(Enumerable.Repeat((byte)0xAA, 32).ToArray(), first);
    }

    [Fact]
    public void Fill_writes_exactly_the_range_asked_for_and_draws_32_source_bytes_per_block()
    {
        var source = new SeededEntropy(1);
        var pool = new EntropyPool(source);
        var buffer = new byte[50];
        Array.Fill(buffer, (byte)0x5A);

        pool.Fill(buffer, 5, 40);

        Assert.All(buffer[..5], b => Assert.Equal(0x5A, b));
        Assert.All(buffer[45..], b => Assert.Equal(0x5A, b));
        Assert.Equal(64, source.BytesDrawn);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Fill(buffer, 20, 40));
    }

    private sealed class ConstantEntropy : IEntropy
    {
        public void Fill(byte[] buffer, int offset, int count) => Array.Fill(buffer, (byte)0xAA, offset, count);
    }
}
