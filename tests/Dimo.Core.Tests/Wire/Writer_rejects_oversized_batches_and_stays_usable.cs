using Dimo.Core.Wire;

namespace Dimo.Core.Tests.Wire;

public class Writer_rejects_oversized_batches_and_stays_usable
{
    private const ushort Speed = 1;
    private const ushort Vin = 46;

    public static TheoryData<Reading[], BatchFormatError> Unencodable => new()
    {
        { [], BatchFormatError.NonCanonical },
        { [new Reading(UnassignedSignal.AboveAll, 1000, 1.0)], BatchFormatError.UnknownSignal },
        { [new Reading(0, 1000, 1.0)], BatchFormatError.UnknownSignal },
        { [new Reading(Speed, 1000, "fast")], BatchFormatError.UnknownSignal },
        { [new Reading(Vin, 1000, 1.0)], BatchFormatError.BadText },
        { [new Reading(Vin, 1000, "\uD800abc")], BatchFormatError.BadText },
        { [new Reading(Vin, 1000, "abc\uDC00")], BatchFormatError.BadText },
        { [new Reading(Vin, 1000, new string('x', 257))], BatchFormatError.BadText },
        { [new Reading(Vin, 1000, new string('é', 129))], BatchFormatError.BadText },
        { [new Reading(Speed, -1, 1.0)], BatchFormatError.OutOfRange },
        { [new Reading(Speed, WireFormat.MaxTime + 1, 1.0)], BatchFormatError.OutOfRange },
        { [new Reading(Speed, 1000, double.NaN)], BatchFormatError.OutOfRange },
        { [new Reading(Speed, 1000, double.PositiveInfinity)], BatchFormatError.OutOfRange },
        { [new Reading(Speed, 1000, double.NegativeInfinity)], BatchFormatError.OutOfRange },
        { [new Reading(Speed, 1000, 1e300)], BatchFormatError.OutOfRange },
        { [new Reading(Speed, 1000, (WireFormat.MaxRaw + 1) / 10.0)], BatchFormatError.OutOfRange },
        { [new Reading(Speed, 1000, -(WireFormat.MaxRaw + 1) / 10.0)], BatchFormatError.OutOfRange },
        { [new Reading(Speed, 1000, 1.0), new Reading(Speed, 1000, 2.0)], BatchFormatError.NonCanonical },
    };

    [Theory]
    [MemberData(nameof(Unencodable))]
    public void Readings_the_format_cannot_carry_are_rejected_with_a_reason(Reading[] readings, BatchFormatError reason)
    {
        var error = Assert.Throws<BatchFormatException>(() => new BatchWriter().WriteBody(1, 1, readings));

        Assert.Equal(reason, error.Reason);
        Assert.Equal(-1, error.Offset);
    }

    [Fact]
    public void More_than_4096_readings_are_rejected()
    {
        var readings = Enumerable.Range(0, WireFormat.MaxReadings + 1).Select(i => new Reading(Speed, i, 1.0)).ToArray();

        var error = Assert.Throws<BatchFormatException>(() => new BatchWriter().WriteBody(1, 1, readings));

        Assert.Equal(BatchFormatError.TooLarge, error.Reason);
    }

    [Fact]
    public void A_body_above_16_KiB_is_rejected()
    {
        var readings = Enumerable.Range(0, 70).Select(i => new Reading(Vin, i, new string('x', 256))).ToArray();

        var error = Assert.Throws<BatchFormatException>(() => new BatchWriter().WriteBody(1, 1, readings));

        Assert.Equal(BatchFormatError.TooLarge, error.Reason);
    }

    [Fact]
    public void The_writer_stays_usable_after_a_rejection()
    {
        var writer = new BatchWriter();
        Assert.Throws<BatchFormatException>(() => writer.WriteBody(1, 1, [new Reading(Speed, 5, 1.0), new Reading(Speed, 5, 1.0)]));

        var body = writer.WriteBody(1, 1, [new Reading(Speed, 5, 1.0)]);

        Assert.Equal(5, Read.Body(body).BaseTime);
    }

    [Fact]
    public void The_message_names_the_reading()
    {
        var error = Assert.Throws<BatchFormatException>(() =>
            new BatchWriter().WriteBody(1, 1, [new Reading(Speed, 5, 1.0), new Reading(UnassignedSignal.AboveAll, 5, 1.0)]));

        Assert.Equal($"UnknownSignal: reading 1 (signal {UnassignedSignal.AboveAll}) has no catalog entry", error.Message);
    }
}
