using Dimo.Core.Wire;

namespace Dimo.Core.Tests.Wire;

/// <summary>Assembles body bytes field by field, for tests that need an exact (often wrong) encoding.</summary>
internal sealed class BodyBuilder
{
    private readonly List<byte> bytes = [];

    public int Length => bytes.Count;

    /// <summary>Magic, version, boot id, sequence number and base time.</summary>
    public static BodyBuilder Header(ulong baseTime = 1000, ulong bootId = 1, ulong seq = 1) =>
        new BodyBuilder().Bytes(WireFormat.Magic, WireFormat.Version).Varint(bootId).Varint(seq).Varint(baseTime);

    public BodyBuilder Bytes(params byte[] values)
    {
        bytes.AddRange(values);
        return this;
    }

    public BodyBuilder Varint(ulong value)
    {
        var buffer = new byte[Dimo.Core.Wire.Varint.MaxLength];
        int length = Dimo.Core.Wire.Varint.Write(value, buffer, 0);
        return Bytes(buffer[..length]);
    }

    public BodyBuilder Signed(long value) => Varint(ZigZag.Encode(value));

    public BodyBuilder Text(byte[] utf8) => Varint((ulong)utf8.Length).Bytes(utf8);

    public byte[] ToArray() => [.. bytes];
}
