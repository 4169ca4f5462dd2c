using Dimo.DeviceCost.Instrumentation;

namespace Dimo.DeviceCost.Tests;

/// <summary>The sizes of ../shared/nanoframework/README.md, "Heap accounting".</summary>
public class Nano_heap_model
{
    private sealed class FourFields
    {
        public int A = 1;
        public long B = 2;
        public object? C = "three";
        public double D = 4;
    }

    [Fact]
    public void An_object_costs_one_block_per_field_plus_one()
    {
        Assert.Equal(60, NanoHeap.SizeOf(new FourFields()));
    }

    [Fact]
    public void Arrays_pack_value_elements_and_round_up_to_whole_blocks()
    {
        Assert.Equal(60, NanoHeap.SizeOf(new byte[32]));   // 20 + 32 = 52 -> 60
        Assert.Equal(60, NanoHeap.SizeOf(new uint[8]));    // 20 + 32
        Assert.Equal(8220, NanoHeap.SizeOf(new uint[2048]));
        Assert.Equal(120, NanoHeap.SizeOf(new object[8])); // 20 + 8 x 12 = 116 -> 120
    }

    [Fact]
    public void A_boxed_value_is_an_object_with_one_field()
    {
        Assert.Equal(24, NanoHeap.SizeOf(42));
    }
}
