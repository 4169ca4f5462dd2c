using Dimo.Core.Can;

namespace Dimo.Simulator.Ecu;

/// <summary>
/// A CAN bus in virtual time between one tester (the <see cref="ICanBus"/> side) and simulated ECUs. ECUs
/// schedule work with <see cref="At"/>/<see cref="After"/> and answer with <see cref="Transmit"/>. While the
/// tester waits in <see cref="Receive"/>, the bus runs the scheduled work in time order and moves the clock
/// to each event, so a 1-second timeout costs no real time and every run is the same.
/// </summary>
public sealed class SimulatedCanBus(VirtualClock clock) : ICanBus
{
    private readonly object _gate = new();
    private readonly List<ISimulatedCanNode> _nodes = [];
    private readonly Queue<CanFrame> _toTester = new();
    private readonly PriorityQueue<Action, (long Time, long Order)> _events = new();
    private readonly List<LoggedFrame> _log = [];
    private long _order;

    public VirtualClock Clock => clock;

    /// <summary>Every frame so far, in order.</summary>
    public IReadOnlyList<LoggedFrame> Log
    {
        get { lock (_gate) return _log.ToArray(); }
    }

    /// <summary>When false the bus refuses the tester's frames, as a controller with a full transmit buffer does.</summary>
    public bool AcceptsFrames { get; set; } = true;

    /// <summary>Frames the log keeps at least; older ones are dropped so a long fleet run does not grow without bound.</summary>
    public int LogCapacity { get; set; } = 10_000;

    public void Attach(ISimulatedCanNode node)
    {
        lock (_gate) _nodes.Add(node);
    }

    public void ClearLog()
    {
        lock (_gate) _log.Clear();
    }

    /// <summary>Runs <paramref name="action"/> when virtual time reaches <paramref name="monotonicMilliseconds"/>.</summary>
    public void At(long monotonicMilliseconds, Action action)
    {
        lock (_gate) _events.Enqueue(action, (monotonicMilliseconds, _order++));
    }

    public void After(long milliseconds, Action action) => At(clock.MonotonicMilliseconds + milliseconds, action);

    /// <summary>An ECU puts a frame on the bus for the tester.</summary>
    public void Transmit(CanFrame frame)
    {
        var copy = new CanFrame();
        frame.CopyTo(copy);
        lock (_gate)
        {
            _toTester.Enqueue(copy);
            AddToLog(copy, fromTester: false);
        }
    }

    public bool Send(CanFrame frame)
    {
        ISimulatedCanNode[] nodes;
        lock (_gate)
        {
            if (!AcceptsFrames)
                return false;
            AddToLog(frame, fromTester: true);
            nodes = _nodes.ToArray();
        }
        foreach (var node in nodes)
            node.OnFrame(frame);
        return true;
    }

    public bool Receive(CanFrame frame, int timeoutMilliseconds)
    {
        long deadline = clock.MonotonicMilliseconds + Math.Max(0, timeoutMilliseconds);
        while (true)
        {
            Action? next = null;
            lock (_gate)
            {
                if (_toTester.TryDequeue(out var received))
                {
                    received.CopyTo(frame);
                    return true;
                }
                if (_events.TryPeek(out _, out var when) && when.Time <= deadline)
                {
                    next = _events.Dequeue();
                    clock.AdvanceTo(when.Time);
                }
            }
            if (next is null)
            {
                clock.AdvanceTo(deadline);
                return false;
            }
            next();
        }
    }

    /// <summary>Moves virtual time forward, running the ECUs' scheduled work on the way (frames for the tester stay queued).</summary>
    public void RunFor(long milliseconds)
    {
        long deadline = clock.MonotonicMilliseconds + milliseconds;
        while (true)
        {
            Action? next = null;
            lock (_gate)
            {
                if (_events.TryPeek(out _, out var when) && when.Time <= deadline)
                {
                    next = _events.Dequeue();
                    clock.AdvanceTo(when.Time);
                }
            }
            if (next is null)
                break;
            next();
        }
        clock.AdvanceTo(deadline);
    }

    private void AddToLog(CanFrame frame, bool fromTester)
    {
        _log.Add(new(clock.MonotonicMilliseconds, fromTester, frame.Id, frame.IsExtended, frame.Data.AsSpan(0, frame.Length).ToArray()));
        if (_log.Count > 2 * LogCapacity)
            _log.RemoveRange(0, _log.Count - LogCapacity);
    }
}
