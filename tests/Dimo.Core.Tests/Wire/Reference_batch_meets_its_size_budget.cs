using System.Text;
using Dimo.Core.Crypto;
using Dimo.Core.Wire;
using Dimo.Testing.Wire;
using Xunit.Abstractions;

namespace Dimo.Core.Tests.Wire;

/// <summary>The reference batch: 20 s of 20 signals at 1 Hz, sealed, against the ≤ 4 bytes per reading goal.</summary>
public class Reference_batch_meets_its_size_budget(ITestOutputHelper output)
{
    [Fact]
    public void The_reference_batch_costs_at_most_4_bytes_per_reading_with_header_and_signature()
    {
        var readings = ReferenceBatch.Readings();
        Assert.Equal(400, readings.Length);

        var body = new BatchWriter().WriteBody(ReferenceBatch.BootId, ReferenceBatch.Seq, readings);
        var wire = SignedBatch.Seal(body, PrivateKey.FromBytes(Hex.Decode(WorkedExample.PrivateKeyHex)));
        double perReading = (double)wire.Length / readings.Length;

        output.WriteLine($"body {body.Length} B, wire {wire.Length} B, {perReading:F2} B per reading");
        Assert.Equal(body.Length + SignedBatch.SignatureLength, wire.Length);
        Assert.True(perReading <= 4.0, $"{perReading:F2} bytes per reading");
    }

    [Fact]
    public void The_reference_batch_reads_back_at_catalog_resolution()
    {
        var readings = ReferenceBatch.Readings();

        var body = new BatchWriter().WriteBody(ReferenceBatch.BootId, ReferenceBatch.Seq, readings);

        RandomBatches.AssertSame(RandomBatches.Expected(readings), Read.Body(body).Readings);
    }

    [Fact]
    public void The_spec_states_the_reference_numbers_the_code_produces()
    {
        var readings = ReferenceBatch.Readings();
        var body = new BatchWriter().WriteBody(ReferenceBatch.BootId, ReferenceBatch.Seq, readings);
        int wire = body.Length + SignedBatch.SignatureLength;
        var json = Encoding.UTF8.GetBytes(ReferenceEncodings.DimoJson(readings));
        var gzip = ReferenceEncodings.Gzip(json);
        int base64 = Convert.ToBase64String(gzip).Length;
        output.WriteLine($"wire {wire}, json {json.Length}, gzip {gzip.Length}, base64 {base64}");

        var table = WireFormatDocument.ReferenceTable();

        Assert.Equal(wire, table["Dimo wire v1 (body + signature)"]);
        Assert.Equal(json.Length, table["DIMO-style JSON"]);
        // gzip output may shift by a few bytes between zlib builds; the spec rounds nothing else.
        Assert.InRange(table["JSON, gzip"], gzip.Length * 0.97, gzip.Length * 1.03);
        Assert.InRange(table["JSON, gzip, base64"], base64 * 0.97, base64 * 1.03);
    }
}
