using Dimo.Core.Wire;

namespace Dimo.Core.Tests.Wire;

public class Batches_round_trip_at_catalog_resolution
{
    [Fact]
    public void Random_readings_read_back_in_canonical_order_at_catalog_resolution()
    {
        var random = new Random(1);
        var writer = new BatchWriter();
        var reader = new BatchReader();
        for (int i = 0; i < 500; i++)
        {
            var readings = RandomBatches.Readings(random);
            uint bootId = (uint)random.NextInt64(0, uint.MaxValue + 1L);
            uint seq = (uint)random.NextInt64(0, uint.MaxValue + 1L);

            var body = writer.WriteBody(bootId, seq, readings);
            var batch = reader.ReadBody(body, 0, body.Length);

            Assert.Equal(WireFormat.Version, batch.Version);
            Assert.Equal(bootId, batch.BootId);
            Assert.Equal(seq, batch.Seq);
            Assert.Equal(readings.Min(r => r.Time), batch.BaseTime);
            RandomBatches.AssertSame(RandomBatches.Expected(readings), batch.Readings);
        }
    }

    [Fact]
    public void A_decoded_batch_encodes_to_the_same_bytes()
    {
        var random = new Random(2);
        var writer = new BatchWriter();
        for (int i = 0; i < 500; i++)
        {
            var body = writer.WriteBody((uint)i, (uint)(i * 7), RandomBatches.Readings(random));
            var batch = Read.Body(body);

            Assert.Equal(body, writer.WriteBody(batch.BootId, batch.Seq, batch.Readings));
        }
    }

    [Fact]
    public void The_reader_takes_a_body_from_the_middle_of_a_buffer()
    {
        var readings = RandomBatches.Readings(new Random(3));
        var body = new BatchWriter().WriteBody(5, 6, readings);
        var buffer = new byte[body.Length + 20];
        Array.Fill(buffer, (byte)0xFF);
        body.CopyTo(buffer, 7);

        var batch = new BatchReader().ReadBody(buffer, 7, body.Length);

        RandomBatches.AssertSame(RandomBatches.Expected(readings), batch.Readings);
    }
}
