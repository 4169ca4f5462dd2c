using BenchmarkDotNet.Attributes;
using Dimo.Core.Can;
using Dimo.Core.Obd;
using Dimo.Core.Obd.IsoTp;
using Dimo.Core.Obd.Pids;
using Dimo.Simulator.Dongles;
using Dimo.Simulator.Ecu;

namespace Dimo.Benchmarks;

/// <summary>
/// The OBD side's per-answer costs on .NET: decoding a PID value, reassembling a multi-frame VIN answer, and a
/// whole physical request/answer or VIN read over the simulated bus (which includes the simulator's own work).
/// </summary>
[MemoryDiagnoser]
public class ObdBenchmarks
{
    private readonly byte[] _rpmAnswer = [0x41, 0x0C, 0x1A, 0xF8];
    private readonly byte[] _rpmRequest = [0x01, 0x0C];
    private readonly CanFrame[] _vinFrames = new CanFrame[3];
    private readonly IsoTpReception _reception = new(new IsoTpSettings());
    private PidValue _rpm = null!;
    private IsoTpClient _client = null!;
    private VinReader _vinReader = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rpm = PidTable.Find(0x0C)!.Values[0];
        byte[][] payloads =
        [
            [0x10, 0x14, 0x49, 0x02, 0x01, 0x31, 0x48, 0x47],
            [0x21, 0x43, 0x4D, 0x38, 0x32, 0x36, 0x33, 0x33],
            [0x22, 0x41, 0x30, 0x30, 0x34, 0x33, 0x35, 0x32],
        ];
        for (int i = 0; i < 3; i++)
        {
            _vinFrames[i] = new CanFrame();
            _vinFrames[i].Set(0x7E8, false, payloads[i], 0, 8);
        }
        var clock = new VirtualClock();
        var bus = new SimulatedCanBus(clock);
        SimulatedEcu.Engine(bus, IsoTpAddressing.Standard11Bit, new VehicleState());
        _client = new IsoTpClient(bus, new TimeProviderClock(clock), IsoTpAddressing.Standard11Bit, new IsoTpSettings());
        _vinReader = new VinReader(_client);
    }

    [Benchmark]
    public double DecodeEngineSpeed() => _rpm.Decode(_rpmAnswer, 2);

    [Benchmark]
    public double FindAndDecodeOdometer() => PidTable.Find(0xA6)!.Values[0].Decode(_rpmAnswer, 0);

    [Benchmark]
    public int ReassembleVinAnswer()
    {
        _reception.Accept(_vinFrames[0], 0);
        _reception.Accept(_vinFrames[1], 0);
        _reception.Accept(_vinFrames[2], 0);
        return _reception.Length;
    }

    [Benchmark]
    public int RequestEngineSpeedOverSimulatedBus() => _client.RequestPhysical(0, _rpmRequest, 0, 2).Count;

    [Benchmark]
    public string? ReadVinOverSimulatedBus() => _vinReader.Read();
}
