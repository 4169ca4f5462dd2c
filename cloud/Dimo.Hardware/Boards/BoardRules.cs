namespace Dimo.Hardware.Boards;

/// <summary>
/// The rules a board definition must obey to work on its module with our firmware. Each broken rule is one line
/// that names the pin or value and says what to change; an empty list means the board is consistent.
/// </summary>
public static class BoardRules
{
    /// <summary>The MCP2515's SPI clock limit (datasheet DS20001801: 10 MHz).</summary>
    public const int Mcp2515MaxSpiHz = 10_000_000;

    /// <summary>Crystals the MCP2515 driver's bit-timing table covers.</summary>
    public static readonly IReadOnlySet<int> SupportedCrystalsHz = new HashSet<int> { 8_000_000, 16_000_000 };

    public static IReadOnlyList<string> Check(BoardDefinition board)
    {
        var problems = new List<string>();
        if (!Esp32Module.Known.TryGetValue(board.Module, out var module))
        {
            problems.Add($"module {board.Module} is unknown: use one of {string.Join(", ", Esp32Module.Known.Keys)}");
            return problems;
        }
        if (!module.NanoFrameworkTargets.Contains(board.NanoFrameworkTarget))
            problems.Add($"nanoFramework target {board.NanoFrameworkTarget} does not fit {module.Name}: use {string.Join(" or ", module.NanoFrameworkTargets)}");

        var uses = board.PinUses();
        var usable = module.UsableGpios.ToHashSet();
        foreach (var group in uses.GroupBy(u => u.Gpio).Where(g => g.Count() > 1))
            problems.Add($"GPIO{group.Key} is used twice ({string.Join(", ", group.Select(u => u.Net))}): give each net its own pin");

        foreach (var use in uses)
        {
            if (!usable.Contains(use.Gpio))
            {
                problems.Add($"{use.Net} on GPIO{use.Gpio}: {module.Name} does not bring that GPIO out (flash, PSRAM or not a pin)");
                continue;
            }
            if (use.Direction == PinDirection.Output && Esp32Module.InputOnly.Contains(use.Gpio))
                problems.Add($"{use.Net} is an output on GPIO{use.Gpio}, which is input-only: move it to a GPIO below 34");
            if (Esp32Module.Strapping.TryGetValue(use.Gpio, out var bootLevel))
            {
                if (use.Direction != PinDirection.Input)
                    problems.Add($"{use.Net} on strapping pin GPIO{use.Gpio} is not an input: the board could change how the chip boots; move it");
                else if (use.IdleLevel != IdleLevel.Floating && use.IdleLevel != bootLevel)
                    problems.Add($"{use.Net} holds strapping pin GPIO{use.Gpio} {use.IdleLevel.ToString().ToLowerInvariant()} at reset, but a normal boot needs it {bootLevel.ToString().ToLowerInvariant()}");
            }
            bool isConsoleNet = use.Net == Nets.ConsoleTx || use.Net == Nets.ConsoleRx;
            if (Esp32Module.Console.Contains(use.Gpio) != isConsoleNet)
                problems.Add(isConsoleNet
                    ? $"{use.Net} must be on UART0 (GPIO1 TX, GPIO3 RX), where nanoFramework's wire protocol runs"
                    : $"{use.Net} on GPIO{use.Gpio} collides with UART0, nanoFramework's deploy and debug port: move it");
        }

        if (board.Mcp2515.InterruptPullUpOhms <= 0 && Esp32Module.InputOnly.Contains(board.Mcp2515.InterruptGpio))
            problems.Add($"CAN_INT on GPIO{board.Mcp2515.InterruptGpio} has no internal pull-up: give it an external one");
        if (board.Mcp2515.ChipSelectPullUpOhms <= 0)
            problems.Add("CAN_CS needs a pull-up so the MCP2515 stays deselected while the ESP32 boots");
        if (board.Spi.ClockHz <= 0 || board.Spi.ClockHz > Mcp2515MaxSpiHz)
            problems.Add($"SPI clock {board.Spi.ClockHz} Hz is outside the MCP2515's 1..{Mcp2515MaxSpiHz} Hz");
        if (!SupportedCrystalsHz.Contains(board.Mcp2515.CrystalHz))
            problems.Add($"MCP2515 crystal {board.Mcp2515.CrystalHz} Hz: the driver's bit timing covers 8 MHz and 16 MHz only");

        CheckSupplySense(board.SupplySense, problems);
        return problems;
    }

    private static void CheckSupplySense(SupplySense sense, List<string> problems)
    {
        if (sense.AdcUnit != 1)
            problems.Add($"supply sense on ADC{sense.AdcUnit}: ADC2 cannot be read while Wi-Fi runs; use an ADC1 channel (GPIO32-39)");
        else if (!Esp32Module.Adc1Channels.TryGetValue(sense.AdcChannel, out int gpio) || gpio != sense.Gpio)
            problems.Add($"ADC1 channel {sense.AdcChannel} is not GPIO{sense.Gpio}");
        if (!Esp32Module.AdcRange.TryGetValue(sense.AttenuationDb, out var range))
        {
            problems.Add($"ADC attenuation {sense.AttenuationDb} dB: use 0, 2, 6 or 11");
            return;
        }
        if (sense.TopOhms <= 0 || sense.BottomOhms <= 0)
        {
            problems.Add("supply divider resistors must be positive");
            return;
        }
        double worstMillivolts = sense.WorstCaseVolts * sense.Ratio * 1000;
        if (worstMillivolts > range.MaxMillivolts)
            problems.Add($"supply divider puts {worstMillivolts:F0} mV on the ADC at the worst case {sense.WorstCaseVolts} V, above its {range.MaxMillivolts} mV range at {sense.AttenuationDb} dB: raise the top resistor");
        double lowestMillivolts = sense.LowestVolts * sense.Ratio * 1000;
        if (lowestMillivolts < range.MinMillivolts)
            problems.Add($"supply divider puts {lowestMillivolts:F0} mV on the ADC at {sense.LowestVolts} V, below its {range.MinMillivolts} mV range: lower the top resistor");
    }
}
