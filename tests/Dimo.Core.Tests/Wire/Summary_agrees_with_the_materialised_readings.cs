using Dimo.Core.Signals;
using Dimo.Core.Wire;

namespace Dimo.Core.Tests.Wire;

/// <summary>The summary sink against the materialised batch: same decode loop, so the same facts.</summary>
public class Summary_agrees_with_the_materialised_readings
{
    [Fact]
    public void Summary_agrees_with_the_materialised_readings_on_random_batches()
    {
        var random = new Random(5);
        var writer = new BatchWriter();
        var reader = new BatchReader();
        var summary = new BatchSummary();
        for (int i = 0; i < 500; i++)
        {
            var body = writer.WriteBody((uint)i, (uint)(i * 3), RandomBatches.Readings(random));
            var batch = reader.ReadBody(body, 0, body.Length);
            var readings = batch.Readings;
            summary.StaleBefore = readings[random.Next(readings.Length)].Time;

            reader.ReadBody(body, 0, body.Length, summary);

            Assert.Equal((batch.BootId, batch.Seq, batch.BaseTime), (summary.BootId, summary.Seq, summary.BaseTime));
            Assert.Equal(readings.Length, summary.ReadingCount);
            Assert.Equal(readings.Min(r => r.Time), summary.FirstTime);
            Assert.Equal(readings.Max(r => r.Time), summary.LastTime);
            Assert.Equal(readings.Count(r => r.Time < summary.StaleBefore), summary.StaleCount);
            var newest = readings.GroupBy(r => r.SignalId).Select(g => g.MaxBy(r => r.Time)!).OrderBy(r => r.SignalId).ToArray();
            Assert.Equal(newest.Length, summary.SignalCount);
            for (int s = 0; s < newest.Length; s++)
            {
                var expected = newest[s];
                Assert.Equal(expected.SignalId, summary.SignalId(s));
                Assert.Equal(expected.Time, summary.NewestTime(s));
                Assert.Equal(expected.Text, summary.NewestText(s));
                var raw = expected.Text == null ? SignalCatalog.ById(expected.SignalId).ToRaw(expected.Value) : 0;
                Assert.Equal(raw, summary.NewestRaw(s));
            }
        }
    }

    [Fact]
    public void A_rejected_body_fails_the_same_way_with_either_sink()
    {
        var random = new Random(6);
        var writer = new BatchWriter();
        var reader = new BatchReader();
        for (int i = 0; i < 300; i++)
        {
            var body = writer.WriteBody(1, (uint)i, RandomBatches.Readings(random));
            body[random.Next(body.Length)] ^= (byte)random.Next(1, 256);
            var materialised = Record.Exception(() => reader.ReadBody(body, 0, body.Length)) as BatchFormatException;
            var summarised = Record.Exception(() => reader.ReadBody(body, 0, body.Length, new BatchSummary())) as BatchFormatException;

            Assert.Equal(materialised?.Reason, summarised?.Reason);
            Assert.Equal(materialised?.Offset, summarised?.Offset);
        }
    }
}
