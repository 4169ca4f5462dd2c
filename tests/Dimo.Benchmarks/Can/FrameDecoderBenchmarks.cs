using BenchmarkDotNet.Attributes;
using Dimo.Core.Can;
using Dimo.Dbc.Compilation;
using Dimo.Dbc.Parsing;

namespace Dimo.Benchmarks.Can;

/// <summary>
/// Decoded signals per second: one operation decodes one frame of every message of a DBC (random payloads,
/// whole-DBC table). Signals per second = SignalsPerRound / (Mean × MessageCount).
/// </summary>
[MemoryDiagnoser]
public class FrameDecoderBenchmarks
{
    private FrameDecoder _decoder = null!;
    private DecodeResult _result = null!;
    private CanFrame[] _frames = [];

    [Params("honda_civic_hatchback_ex_2017_can_generated.dbc", "vw_mqb.dbc")]
    public string Dbc { get; set; } = "";

    /// <summary>Signals decoded by one pass over all frames (printed at setup).</summary>
    public int SignalsPerRound { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var dbc = DbcParser.ParseFile(Path.Combine(RepositoryFolder(), "cloud", "Dimo.Dbc", "opendbc", Dbc));
        _decoder = new FrameDecoder(DecoderTable.Load(DecoderTableCompiler.CompileAll(dbc).Bytes));
        _result = _decoder.CreateResult();
        var random = new Random(1);
        _frames = dbc.Messages.Where(m => m.Signals.Count > 0).Select(m =>
        {
            var payload = new byte[m.Length];
            random.NextBytes(payload);
            var frame = new CanFrame();
            frame.Set(m.Id, m.IsExtended, payload, 0, payload.Length);
            return frame;
        }).ToArray();
        SignalsPerRound = DecodeAll();
        Console.WriteLine($"// {Dbc}: {_frames.Length} frames, {SignalsPerRound} signals per round");
    }

    [Benchmark]
    public int DecodeAll()
    {
        int signals = 0;
        foreach (var frame in _frames)
        {
            _decoder.Decode(frame, _result);
            signals += _result.Count;
        }
        return signals;
    }

    private static string RepositoryFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dimo.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("Dimo.sln not found above " + AppContext.BaseDirectory);
    }
}
