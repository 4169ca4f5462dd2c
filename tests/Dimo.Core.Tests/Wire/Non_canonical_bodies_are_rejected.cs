using Dimo.Core.Wire;

namespace Dimo.Core.Tests.Wire;

/// <summary>Each canonical rule of the spec, broken on its own in an otherwise valid body.</summary>
public class Non_canonical_bodies_are_rejected
{
    private const ushort Speed = 1;
    private const ushort EngineSpeed = 3;

    [Fact]
    public void The_hand_built_template_is_valid()
    {
        var batch = Read.Body(TwoGroups());

        Assert.Equal(4, batch.Readings.Length);
        Assert.Equal(1000, batch.BaseTime);
        Assert.Equal([1000L, 2000L, 1010L, 2020L], batch.Readings.Select(r => r.Time));
        Assert.Equal([50.0, 50.3, 800.0, 812.5], batch.Readings.Select(r => r.Value));
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x00 })]
    [InlineData(new byte[] { 0x81, 0x00 })]
    [InlineData(new byte[] { 0x81, 0x80, 0x00 })]
    public void A_varint_with_a_redundant_zero_byte_is_rejected(byte[] paddedBootId)
    {
        var body = new BodyBuilder().Bytes(WireFormat.Magic, WireFormat.Version).Bytes(paddedBootId).Varint(1).Varint(1000)
            .Varint(1).Varint(Speed).Varint(1).Varint(0).Signed(500).ToArray();

        var error = Read.Rejection(body);

        Assert.Equal(BatchFormatError.NonCanonical, error.Reason);
        Assert.Equal(2, error.Offset);
    }

    [Fact]
    public void A_redundant_zero_byte_in_a_reading_is_rejected()
    {
        var body = BodyBuilder.Header().Varint(1).Varint(Speed).Varint(1).Varint(0).Bytes(0x80 | 0x08, 0x80, 0x00).ToArray();

        Assert.Equal(BatchFormatError.NonCanonical, Read.Rejection(body).Reason);
    }

    [Fact]
    public void Groups_out_of_signal_order_are_rejected()
    {
        var body = BodyBuilder.Header().Varint(2)
            .Varint(EngineSpeed).Varint(1).Varint(0).Signed(3200)
            .Varint(Speed).Varint(1).Varint(10).Signed(500).ToArray();

        Assert.Equal(BatchFormatError.NonCanonical, Read.Rejection(body).Reason);
    }

    [Fact]
    public void Two_groups_of_one_signal_are_rejected()
    {
        var body = BodyBuilder.Header().Varint(2)
            .Varint(Speed).Varint(1).Varint(0).Signed(500)
            .Varint(Speed).Varint(1).Varint(10).Signed(501).ToArray();

        Assert.Equal(BatchFormatError.NonCanonical, Read.Rejection(body).Reason);
    }

    [Fact]
    public void Readings_out_of_time_order_are_rejected()
    {
        // Second gap of -5 ms: the first gap is 10, so the delta of delta is -15.
        var body = BodyBuilder.Header().Varint(1).Varint(Speed).Varint(3)
            .Varint(0).Signed(500).Signed(10).Signed(1).Signed(-15).Signed(1).ToArray();

        Assert.Equal(BatchFormatError.NonCanonical, Read.Rejection(body).Reason);
    }

    [Fact]
    public void Two_readings_of_one_signal_at_the_same_time_are_rejected()
    {
        var body = BodyBuilder.Header().Varint(1).Varint(Speed).Varint(2).Varint(0).Signed(500).Signed(0).Signed(1).ToArray();

        var error = Read.Rejection(body);

        Assert.Equal(BatchFormatError.NonCanonical, error.Reason);
        Assert.Equal(body.Length - 2, error.Offset);
    }

    [Fact]
    public void A_batch_without_groups_is_rejected()
    {
        var body = BodyBuilder.Header().Varint(0).ToArray();

        Assert.Equal(BatchFormatError.NonCanonical, Read.Rejection(body).Reason);
    }

    [Fact]
    public void A_group_without_readings_is_rejected()
    {
        var body = BodyBuilder.Header().Varint(2).Varint(Speed).Varint(0).Varint(EngineSpeed).Varint(1).Varint(0).Signed(3200).ToArray();

        Assert.Equal(BatchFormatError.NonCanonical, Read.Rejection(body).Reason);
    }

    [Fact]
    public void A_base_time_before_the_earliest_reading_is_rejected()
    {
        // Both groups start 10 ms after the base time, so no reading sits at offset 0.
        var body = BodyBuilder.Header(baseTime: 990).Varint(2)
            .Varint(Speed).Varint(1).Varint(10).Signed(500)
            .Varint(EngineSpeed).Varint(1).Varint(20).Signed(3200).ToArray();

        var error = Read.Rejection(body);

        Assert.Equal(BatchFormatError.NonCanonical, error.Reason);
        Assert.Equal(4, error.Offset);
    }

    [Fact]
    public void The_base_time_may_be_the_first_reading_of_any_group()
    {
        var body = BodyBuilder.Header(baseTime: 990).Varint(2)
            .Varint(Speed).Varint(1).Varint(10).Signed(500)
            .Varint(EngineSpeed).Varint(1).Varint(0).Signed(3200).ToArray();

        Assert.Equal(990, Read.Body(body).BaseTime);
    }

    [Fact]
    public void Bytes_after_the_last_group_are_rejected()
    {
        var body = TwoGroups().Append((byte)0).ToArray();

        var error = Read.Rejection(body);

        Assert.Equal(BatchFormatError.TrailingBytes, error.Reason);
        Assert.Equal(body.Length - 1, error.Offset);
    }

    /// <summary>Speed 50.0 then 50.3 km/h at 1000 and 2000 ms; engine speed 800 then 812.5 rpm at 1010 and 2020 ms.</summary>
    private static byte[] TwoGroups() =>
        BodyBuilder.Header(baseTime: 1000).Varint(2)
            .Varint(Speed).Varint(2).Varint(0).Signed(500).Signed(1000).Signed(3)
            .Varint(EngineSpeed).Varint(2).Varint(10).Signed(3200).Signed(1010).Signed(50)
            .ToArray();
}
