using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dimo.Hardware.Boards;

/// <summary>
/// hardware/board.json: the dongle's wiring as data. Everything that names a GPIO, a resistor or a frequency the
/// firmware depends on lives here; the firmware constants and the schematic are generated from it.
/// </summary>
public sealed record BoardDefinition
{
    /// <summary>The file's note to people ("$comment"); not part of the wiring.</summary>
    [JsonPropertyName("$comment")]
    public string? Comment { get; init; }

    public required string Board { get; init; }
    public required string Revision { get; init; }
    /// <summary>The ESP32 module's name, one of <see cref="Esp32Module.Known"/>.</summary>
    public required string Module { get; init; }
    public required string NanoFrameworkTarget { get; init; }
    public required SpiWiring Spi { get; init; }
    public required Mcp2515Wiring Mcp2515 { get; init; }
    public required TransceiverWiring Transceiver { get; init; }
    public required SupplySense SupplySense { get; init; }
    public required StatusLed StatusLed { get; init; }
    public required Button Button { get; init; }
    public required ConsolePort Console { get; init; }

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Parses board.json text; a missing, unknown or mistyped field is a <see cref="BoardFileException"/>.</summary>
    public static BoardDefinition Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<BoardDefinition>(json, Options) ?? throw new BoardFileException("board.json is empty");
        }
        catch (JsonException e)
        {
            throw new BoardFileException("board.json: " + e.Message);
        }
    }

    public static BoardDefinition Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BoardFileException($"cannot read {path}: {e.Message}");
        }
        return Parse(text);
    }

    /// <summary>Every GPIO the board uses, with the net it carries and how the board holds it while the chip boots.</summary>
    public IReadOnlyList<PinUse> PinUses() =>
    [
        new(Spi.ClockGpio, Nets.SpiClock, PinDirection.Output, IdleLevel.Floating),
        new(Spi.MosiGpio, Nets.SpiMosi, PinDirection.Output, IdleLevel.Floating),
        new(Spi.MisoGpio, Nets.SpiMiso, PinDirection.Input, IdleLevel.Floating),
        new(Mcp2515.ChipSelectGpio, Nets.CanChipSelect, PinDirection.Output, PulledHighIf(Mcp2515.ChipSelectPullUpOhms)),
        new(Mcp2515.InterruptGpio, Nets.CanInterrupt, PinDirection.Input, PulledHighIf(Mcp2515.InterruptPullUpOhms)),
        new(Transceiver.StandbyGpio, Nets.CanStandby, PinDirection.Output, PulledHighIf(Transceiver.StandbyPullUpOhms)),
        new(SupplySense.Gpio, Nets.SupplySense, PinDirection.Analog, IdleLevel.Low),
        // An active-high LED to ground through its resistor holds the pin weakly low; active-low, weakly high.
        new(StatusLed.Gpio, Nets.StatusLed, PinDirection.Output, StatusLed.ActiveHigh ? IdleLevel.Low : IdleLevel.High),
        new(Button.Gpio, Nets.Button, PinDirection.Input, Button.ActiveLow ? PulledHighIf(Button.PullUpOhms) : IdleLevel.Low),
        new(Console.TxGpio, Nets.ConsoleTx, PinDirection.Output, IdleLevel.Floating),
        new(Console.RxGpio, Nets.ConsoleRx, PinDirection.Input, IdleLevel.Floating),
    ];

    private static IdleLevel PulledHighIf(int pullUpOhms) => pullUpOhms > 0 ? IdleLevel.High : IdleLevel.Floating;
}

public sealed record SpiWiring(int BusId, int ClockGpio, int MisoGpio, int MosiGpio, int ClockHz);

public sealed record Mcp2515Wiring(int ChipSelectGpio, int ChipSelectPullUpOhms, int InterruptGpio, int InterruptPullUpOhms, int CrystalHz);

public sealed record TransceiverWiring(string Part, int StandbyGpio, int StandbyPullUpOhms);

/// <summary>
/// The 12 V rail seen by the ADC through a divider (top resistor from the protected 12 V rail, bottom to ground).
/// <see cref="WorstCaseVolts"/> is the highest voltage the rail can reach (stated with its reason), and
/// <see cref="LowestVolts"/> the lowest the firmware must still read.
/// </summary>
public sealed record SupplySense(
    int Gpio, int AdcUnit, int AdcChannel, int AttenuationDb, int TopOhms, int BottomOhms, int FilterCapacitorNanofarads,
    int DiodeDropMillivolts, double LowestVolts, double WorstCaseVolts, string WorstCaseReason)
{
    /// <summary>ADC volts per rail volt.</summary>
    public double Ratio => (double)BottomOhms / (TopOhms + BottomOhms);
}

public sealed record StatusLed(int Gpio, bool ActiveHigh, int SeriesOhms);

public sealed record Button(int Gpio, bool ActiveLow, int PullUpOhms);

public sealed record ConsolePort(int TxGpio, int RxGpio);

public sealed class BoardFileException(string message) : Exception(message);
