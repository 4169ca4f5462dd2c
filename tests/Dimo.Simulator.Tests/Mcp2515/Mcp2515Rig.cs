using Dimo.Core.Can;
using Dimo.Core.Can.Mcp2515;
using Dimo.Simulator.Dongles;
using Dimo.Simulator.Mcp2515;
using Dimo.Testing;

namespace Dimo.Simulator.Tests.Mcp2515;

/// <summary>The driver on a simulated board: chip, SPI, INT line and bus in virtual microseconds.</summary>
internal sealed class Mcp2515Rig
{
    public Mcp2515Rig(int oscillatorHz = 16_000_000, int busBitRate = 500_000, int transactionOverheadMicroseconds = 40)
    {
        Chip = new Mcp2515Chip(oscillatorHz);
        Board = new Mcp2515Board(Chip, busBitRate) { TransactionOverheadMicroseconds = transactionOverheadMicroseconds };
        Driver = new Mcp2515Controller(Board, Board, Board);
        Chip.Transmitted += frame =>
        {
            var copy = new CanFrame();
            frame.CopyTo(copy);
            Sent.Add(copy);
        };
    }

    public Mcp2515Chip Chip { get; }
    public Mcp2515Board Board { get; }
    public Mcp2515Controller Driver { get; }
    public List<CanFrame> Sent { get; } = [];

    public void Start(int bitRate = 500_000, bool transmit = false, uint[]? filters = null) =>
        Driver.Start(new Mcp2515Settings { OscillatorHz = Chip.OscillatorHz, BitRate = bitRate, Transmit = transmit, FilterWords = filters });

    /// <summary>Receives until virtual time passes <paramref name="untilMicroseconds"/>; every frame as (id, extended, hex payload).</summary>
    public List<string> ReceiveUntil(long untilMicroseconds)
    {
        var received = new List<string>();
        var frame = new CanFrame();
        while (Board.NowMicroseconds < untilMicroseconds || Chip.InterruptAsserted)
        {
            if (Driver.Receive(frame, 1))
                received.Add(Key(frame));
        }
        return received;
    }

    public static string Key(CanFrame frame) =>
        $"{frame.Id:X}{(frame.IsExtended ? "x" : "")}#{Convert.ToHexString(frame.Data, 0, frame.Length)}";

    public static CanFrame Frame(uint id, bool extended, params byte[] data)
    {
        var frame = new CanFrame();
        frame.Set(id, extended, data, 0, data.Length);
        return frame;
    }

    /// <summary>A real recording from ../shared/canlogs, or null when the folder is absent.</summary>
    public static CandumpLog? Log(string name) =>
        SharedFolder.PathOrNull == null ? null : CandumpLog.Load(SharedFolder.File("canlogs", name));
}
