using System.Globalization;
using System.Text.RegularExpressions;
using Dimo.Hardware.Firmware;

namespace Dimo.Hardware.Tests.Firmware;

public class BoardConstantsTests
{
    private static readonly string Committed = CommittedBoard.Text(DongleFiles.FirmwareConstantsPath);

    private static Dictionary<string, string> Constants(string source) =>
        Regex.Matches(source, @"public const (?:int|bool|string) (\w+) = ([^;]+);")
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim('"'));

    [Fact]
    public void Committed_board_cs_is_what_the_generator_makes_from_board_json()
    {
        Assert.Equal(BoardConstantsGenerator.Generate(CommittedBoard.Board), Committed);
    }

    [Fact]
    public void Committed_board_cs_carries_every_pin_and_value_of_board_json()
    {
        var board = CommittedBoard.Board;
        var constants = Constants(Committed);
        string I(int v) => v.ToString(CultureInfo.InvariantCulture);
        var expected = new Dictionary<string, string>
        {
            ["NanoFrameworkTarget"] = board.NanoFrameworkTarget,
            ["SpiBusId"] = I(board.Spi.BusId),
            ["SpiClockGpio"] = I(board.Spi.ClockGpio),
            ["SpiMisoGpio"] = I(board.Spi.MisoGpio),
            ["SpiMosiGpio"] = I(board.Spi.MosiGpio),
            ["SpiClockHz"] = I(board.Spi.ClockHz),
            ["Mcp2515ChipSelectGpio"] = I(board.Mcp2515.ChipSelectGpio),
            ["Mcp2515InterruptGpio"] = I(board.Mcp2515.InterruptGpio),
            ["Mcp2515CrystalHz"] = I(board.Mcp2515.CrystalHz),
            ["CanTransceiverStandbyGpio"] = I(board.Transceiver.StandbyGpio),
            ["SupplySenseGpio"] = I(board.SupplySense.Gpio),
            ["SupplySenseAdcChannel"] = I(board.SupplySense.AdcChannel),
            ["SupplyDividerTopOhms"] = I(board.SupplySense.TopOhms),
            ["SupplyDividerBottomOhms"] = I(board.SupplySense.BottomOhms),
            ["StatusLedGpio"] = I(board.StatusLed.Gpio),
            ["ButtonGpio"] = I(board.Button.Gpio),
            ["ConsoleTxGpio"] = I(board.Console.TxGpio),
            ["ConsoleRxGpio"] = I(board.Console.RxGpio),
        };
        foreach (var (name, value) in expected)
            Assert.True(constants.TryGetValue(name, out var actual) && actual == value, $"Board.{name}: expected {value}, found {actual ?? "nothing"}");
        // Every GPIO board.json uses appears in Board.cs.
        var gpioConstants = constants.Where(c => c.Key.EndsWith("Gpio", StringComparison.Ordinal)).Select(c => int.Parse(c.Value, CultureInfo.InvariantCulture));
        Assert.Equal(board.PinUses().Select(u => u.Gpio).Order(), gpioConstants.Order());
    }

    [Fact]
    public void Board_cs_holds_only_constants_of_int_bool_and_string()
    {
        // Plain C# that nanoFramework 1.x compiles and runs: a namespace, one static class, constants; nothing else.
        var code = Committed.Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal) && l != "{" && l != "}")
            .ToList();
        Assert.Equal("namespace Dimo.Firmware", code[0]);
        Assert.Equal("public static class Board", code[1]);
        Assert.All(code.Skip(2), line => Assert.Matches(@"^public const (int|bool|string) \w+ = (-?\d+|true|false|""[^""\\]*"");$", line));
        Assert.Equal(code.Count - 2, Constants(Committed).Count);
    }

    [Fact]
    public void Board_cs_is_compiled_into_the_firmware_project()
    {
        var project = CommittedBoard.Text("firmware/Dimo.Firmware/Dimo.Firmware.nfproj");
        Assert.Contains("<Compile Include=\"Board.cs\" />", project);
    }

    [Fact]
    public void String_that_would_break_the_generated_source_is_refused()
    {
        var board = CommittedBoard.With("revision", "A\"; class X {");
        Assert.Throws<Dimo.Hardware.Boards.BoardFileException>(() => BoardConstantsGenerator.Generate(board));
    }
}
