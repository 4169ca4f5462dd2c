using Dimo.Core.Checksums;
using Dimo.Core.Can;
using Dimo.Core.Crypto;
using Dimo.Core.Dongle.Config;
using Dimo.Core.Obd;

namespace Dimo.Core.Tests.Dongle.Config;

/// <summary>The operator's key, small decoder tables written byte by byte, and signed config messages.</summary>
public static class ConfigRig
{
    public static readonly PrivateKey Operator = PrivateKey.FromBytes(Convert.FromHexString("8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f"));
    public static readonly PrivateKey Stranger = PrivateKey.FromBytes(Convert.FromHexString("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));

    /// <summary>A table with one 8-byte standard message <paramref name="id"/> whose first byte is <paramref name="catalogId"/>'s value.</summary>
    public static byte[] Table(uint id, int catalogId)
    {
        var bytes = new List<byte> { (byte)'D', (byte)'C', (byte)'A', (byte)'N', DecoderTableFormat.Version, 0, 1, 0, 1, 0, 0, 0 };
        bytes.AddRange(BitConverter.GetBytes(id));
        bytes.AddRange([8, DecoderTableFormat.NoMultiplexer, 1, 0]);
        bytes.AddRange([0, 0, 8, 0]); // start bit 0, 8 bits, little-endian unsigned
        bytes.AddRange(BitConverter.GetBytes((ushort)catalogId));
        bytes.AddRange([0, 0]);
        bytes.AddRange(BitConverter.GetBytes(1.0));
        bytes.AddRange(BitConverter.GetBytes(0.0));
        var body = bytes.ToArray();
        bytes.AddRange(BitConverter.GetBytes(Crc32.Compute(body, 0, body.Length)));
        return bytes.ToArray();
    }

    public static byte[] Sign(byte[] table, PrivateKey? key = null) => (key ?? Operator).Sign(Eip191.Hash(table, 0, table.Length));

    public static byte[] Message(int version, string template, byte[]? table = null, PrivateKey? signer = null) =>
        new DeviceConfig(version, template, table, table == null ? null : Sign(table, signer)).Encode();

    public static ConfigApplier Applier(IConfigStorage storage) =>
        new(storage, Operator.Address, PollTemplate.Default(), null);
}
