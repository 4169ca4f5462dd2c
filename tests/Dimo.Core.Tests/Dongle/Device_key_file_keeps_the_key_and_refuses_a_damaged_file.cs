using Dimo.Core.Crypto;
using Dimo.Core.Dongle;

namespace Dimo.Core.Tests.Dongle;

public class Device_key_file_keeps_the_key_and_refuses_a_damaged_file
{
    [Fact]
    public void A_created_file_opens_to_a_key_that_signs_as_its_address()
    {
        byte[] file = DeviceKeyFile.Create(new SeededEntropy(42));

        var key = DeviceKeyFile.Open(file, null);
        var again = DeviceKeyFile.Open(file, null);

        Assert.Equal(DeviceKeyFile.Length, file.Length);
        Assert.Equal("DKEY"u8.ToArray(), file[..4]);
        Assert.Equal(key.Address, again.Address);
        byte[] message = "hello"u8.ToArray();
        Assert.Equal(key.SignPersonalMessage(message, 0, 5), again.SignPersonalMessage(message, 0, 5));
    }

    [Fact]
    public void The_key_is_the_entropy_draw_so_two_devices_get_different_keys()
    {
        var a = DeviceKeyFile.Open(DeviceKeyFile.Create(new SeededEntropy(1)), null);
        var b = DeviceKeyFile.Open(DeviceKeyFile.Create(new SeededEntropy(2)), null);
        Assert.NotEqual(a.Address, b.Address);
    }

    [Fact]
    public void A_draw_that_is_no_valid_key_is_drawn_again()
    {
        var entropy = new QueuedEntropy(new byte[32], Enumerable.Repeat((byte)0xFF, 32).ToArray(), Convert.FromHexString("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"));

        var key = DeviceKeyFile.Open(DeviceKeyFile.Create(entropy), null);

        Assert.Equal("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", key.ChecksumAddress);
    }

    [Theory]
    [InlineData(0, "does not start with DKEY")]
    [InlineData(4, "format version")]
    [InlineData(10, "checksum")]
    [InlineData(38, "checksum")]
    public void A_flipped_byte_is_refused_with_its_reason(int index, string reason)
    {
        byte[] file = DeviceKeyFile.Create(new SeededEntropy(3));
        file[index] ^= 0x01;

        var error = Assert.Throws<DeviceKeyFileException>(() => DeviceKeyFile.Open(file, null));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_torn_file_is_refused()
    {
        byte[] file = DeviceKeyFile.Create(new SeededEntropy(4));
        var error = Assert.Throws<DeviceKeyFileException>(() => DeviceKeyFile.Open(file[..20], null));
        Assert.Contains("torn", error.Message);
    }

    private sealed class QueuedEntropy(params byte[][] draws) : IEntropy
    {
        private readonly Queue<byte[]> _draws = new(draws);
        public void Fill(byte[] buffer, int offset, int count) => _draws.Dequeue().CopyTo(buffer, offset);
    }
}
