using BenchmarkDotNet.Attributes;
using Dimo.Core.Wire;
using Dimo.Testing.Wire;

namespace Dimo.Benchmarks.Wire;

/// <summary>Encoding and decoding the reference batch (400 readings, shared/docs/wire-format.md section 10).</summary>
[MemoryDiagnoser]
public class BatchCodecBenchmarks
{
    private readonly Reading[] readings = ReferenceBatch.Readings();
    private readonly BatchWriter writer = new();
    private readonly BatchReader reader = new();
    private readonly BatchSummary summary = new();
    private byte[] body = [];

    [GlobalSetup]
    public void Setup() => body = writer.WriteBody(ReferenceBatch.BootId, ReferenceBatch.Seq, readings);

    [Benchmark]
    public byte[] Encode() => writer.WriteBody(ReferenceBatch.BootId, ReferenceBatch.Seq, readings);

    [Benchmark]
    public Batch Decode() => reader.ReadBody(body, 0, body.Length);

    /// <summary>The same decode loop into a reused summary (what the ingest pipeline does): no object per reading.</summary>
    [Benchmark]
    public int DecodeSummary()
    {
        reader.ReadBody(body, 0, body.Length, summary);
        return summary.ReadingCount;
    }
}
