using Dimo.Core.Wire;

namespace Dimo.Core.Tests.Wire;

public class Writer_output_does_not_depend_on_reading_order
{
    [Fact]
    public void Readings_in_any_order_give_the_same_body()
    {
        var random = new Random(4);
        var writer = new BatchWriter();
        for (int i = 0; i < 300; i++)
        {
            var readings = RandomBatches.Readings(random);
            var body = writer.WriteBody(1, 2, readings);

            var shuffled = (Reading[])readings.Clone();
            RandomBatches.Shuffle(random, shuffled);

            Assert.Equal(body, writer.WriteBody(1, 2, shuffled));
        }
    }

    [Fact]
    public void The_earliest_reading_sets_the_base_time_and_has_offset_zero()
    {
        Reading[] readings =
        [
            new Reading(3, 5000, 800.0),
            new Reading(1, 4100, 50.0),
            new Reading(1, 3900, 49.5),
        ];

        var body = new BatchWriter().WriteBody(1, 1, readings);

        // magic, version, boot 1, seq 1, base 3900, 2 groups, speed ×2: offset 0, value 495 (zigzag 990) ...
        var expectedStart = BodyBuilder.Header(baseTime: 3900).Varint(2).Varint(1).Varint(2).Varint(0).Signed(495).ToArray();
        Assert.Equal(expectedStart, body[..expectedStart.Length]);
    }

    [Fact]
    public void Only_the_first_count_readings_of_a_reused_buffer_are_written()
    {
        var readings = RandomBatches.Readings(new Random(13));
        var buffer = new Reading[readings.Length + 5];
        readings.CopyTo(buffer, 0);
        for (int i = readings.Length; i < buffer.Length; i++) buffer[i] = new Reading(UnassignedSignal.AboveAll, -1, double.NaN);

        var body = new BatchWriter().WriteBody(1, 2, buffer, readings.Length);

        Assert.Equal(new BatchWriter().WriteBody(1, 2, readings), body);
    }
}
