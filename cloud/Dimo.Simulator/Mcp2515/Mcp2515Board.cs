using Dimo.Core.Can;
using Dimo.Core.Dongle;
using Dimo.Core.Time;
using Dimo.Simulator.Dongles;

namespace Dimo.Simulator.Mcp2515;

/// <summary>
/// An <see cref="Mcp2515Chip"/> on a dongle board, in virtual microseconds: the SPI port and INT line the driver
/// uses, the clock it reads, and the car's bus finishing frames at scheduled times. Time moves only through the
/// driver's own work (each SPI transaction costs its bytes at <see cref="SpiClockHz"/> plus
/// <see cref="TransactionOverheadMicroseconds"/>, each INT read <see cref="PinReadMicroseconds"/>) and its waits,
/// and every frame due by then reaches the chip first; so a run is the same every time and independent of the
/// machine, and a slow driver loses frames exactly as it would on the bus.
/// </summary>
public sealed class Mcp2515Board : ISpiPort, IInterruptLine, IClock
{
    private readonly PriorityQueue<CanFrame, (long Time, long Order)> _schedule = new();
    private readonly long _startUnixMilliseconds;
    private long _order;

    public Mcp2515Board(Mcp2515Chip chip, int busBitRate, long startUnixMilliseconds = 1_767_225_600_000)
    {
        Chip = chip;
        BusBitRate = busBitRate;
        _startUnixMilliseconds = startUnixMilliseconds;
    }

    public Mcp2515Chip Chip { get; }

    /// <summary>The rate the car's bus runs at; the chip receives only when its CNF registers select the same.</summary>
    public int BusBitRate { get; set; }

    /// <summary>The ESP32's SPI clock towards the chip (the MCP2515 takes up to 10 MHz).</summary>
    public int SpiClockHz { get; init; } = 8_000_000;

    /// <summary>The interpreter's cost around one transaction: the driver's own IL and the native SPI call.</summary>
    public int TransactionOverheadMicroseconds { get; init; } = 40;

    public int PinReadMicroseconds { get; init; } = 5;

    public long NowMicroseconds { get; private set; }

    public long FramesFinished { get; private set; }

    public int FramesScheduled => _schedule.Count;

    public long MonotonicMilliseconds => NowMicroseconds / 1000;

    public long UnixMilliseconds => _startUnixMilliseconds + MonotonicMilliseconds;

    /// <summary>The bus finishes a copy of <paramref name="frame"/> at <paramref name="atMicroseconds"/>.</summary>
    public void Schedule(CanFrame frame, long atMicroseconds)
    {
        var copy = new CanFrame();
        frame.CopyTo(copy);
        _schedule.Enqueue(copy, (atMicroseconds, _order++));
    }

    /// <summary>
    /// A log at its recorded times, <paramref name="speed"/> times faster, from <paramref name="startMicroseconds"/>.
    /// The logs keep milliseconds, so frames of one millisecond are spread out as the bus sends them: each finishes
    /// no earlier than its length after the one before. Returns the time the last frame finishes.
    /// </summary>
    public long ScheduleAtRecordedTiming(CandumpLog log, long startMicroseconds, double speed = 1)
    {
        long last = startMicroseconds;
        for (int i = 0; i < log.Frames.Count; i++)
        {
            long recorded = startMicroseconds + (long)(log.OffsetsMilliseconds[i] * 1000 / speed);
            last = Math.Max(recorded, last + DurationOf(log.Frames[i]));
            Schedule(log.Frames[i], last);
        }
        return last;
    }

    /// <summary>
    /// <paramref name="count"/> frames of the log (looping) back to back so the bus is <paramref name="load"/> busy
    /// (0.6 = 60 %). Frame lengths are counted without stuff bits, which packs frames closer than a real bus would.
    /// Returns the time the last frame finishes.
    /// </summary>
    public long ScheduleAtLoad(CandumpLog log, long startMicroseconds, double load, int count)
    {
        double time = startMicroseconds;
        for (int i = 0; i < count; i++)
        {
            var frame = log.Frames[i % log.Frames.Count];
            time += BitsOf(frame) * 1_000_000.0 / BusBitRate / load;
            Schedule(frame, (long)time);
        }
        return (long)time;
    }

    /// <summary>Microseconds a frame occupies the bus (at least 1).</summary>
    public long DurationOf(CanFrame frame) => Math.Max(1, BitsOf(frame) * 1_000_000L / BusBitRate);

    /// <summary>Bits of a data frame on the wire without stuffing: 47 (11-bit) or 67 (29-bit) plus 8 per byte, interframe space included.</summary>
    public static int BitsOf(CanFrame frame) => (frame.IsExtended ? 67 : 47) + 8 * Math.Min(8, frame.Length);

    /// <summary>Moves time to <paramref name="microseconds"/>, letting the bus finish every frame due on the way.</summary>
    public void AdvanceTo(long microseconds)
    {
        while (_schedule.TryPeek(out var frame, out var when) && when.Time <= microseconds)
        {
            _schedule.Dequeue();
            if (when.Time > NowMicroseconds)
                NowMicroseconds = when.Time;
            FramesFinished++;
            Chip.Receive(frame, BusBitRate);
        }
        if (microseconds > NowMicroseconds)
            NowMicroseconds = microseconds;
    }

    public void Transfer(byte[] write, byte[] read, int count)
    {
        AdvanceTo(NowMicroseconds + TransactionOverheadMicroseconds + (count * 8L * 1_000_000 + SpiClockHz - 1) / SpiClockHz);
        Chip.Transfer(write, read, count);
    }

    public bool IsAsserted
    {
        get
        {
            AdvanceTo(NowMicroseconds + PinReadMicroseconds);
            return Chip.InterruptAsserted;
        }
    }

    public bool WaitAsserted(int timeoutMilliseconds)
    {
        long deadline = NowMicroseconds + Math.Max(0, timeoutMilliseconds) * 1000L;
        while (!Chip.InterruptAsserted)
        {
            if (!_schedule.TryPeek(out _, out var when) || when.Time > deadline)
            {
                AdvanceTo(deadline);
                return Chip.InterruptAsserted;
            }
            AdvanceTo(when.Time);
        }
        return true;
    }
}
