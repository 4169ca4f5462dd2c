using Dimo.Simulator.Ecu;

namespace Dimo.Simulator.Dongles;

/// <summary>
/// Puts a candump log's frames on a <see cref="SimulatedCanBus"/> at their logged times, over and over, as the
/// car's own traffic. Only the next frame is scheduled at any time, so a long log costs no queue memory.
/// </summary>
public sealed class CandumpReplay
{
    private readonly SimulatedCanBus _bus;
    private readonly CandumpLog _log;
    private readonly long _start;
    private long _lap;
    private int _next;

    public CandumpReplay(SimulatedCanBus bus, CandumpLog log)
    {
        _bus = bus;
        _log = log;
        _start = bus.Clock.MonotonicMilliseconds;
        Schedule();
    }

    /// <summary>Frames put on the bus so far.</summary>
    public long FramesReplayed { get; private set; }

    private void Schedule() =>
        _bus.At(_start + _lap * _log.DurationMilliseconds + _log.OffsetsMilliseconds[_next], Transmit);

    private void Transmit()
    {
        _bus.Transmit(_log.Frames[_next]);
        FramesReplayed++;
        _next++;
        if (_next == _log.Frames.Count)
        {
            _next = 0;
            _lap++;
        }
        Schedule();
    }
}
