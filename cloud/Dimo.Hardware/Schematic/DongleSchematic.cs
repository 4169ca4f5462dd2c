using System.Globalization;
using Dimo.Hardware.Boards;
using N = Dimo.Hardware.Boards.Nets;

namespace Dimo.Hardware.Schematic;

/// <summary>
/// The dongle's circuit built from board.json: which part connects to which net. The GPIO assignments, pull-ups,
/// divider, LED resistor and crystal come from the board definition; the topology (protection, buck, CAN path)
/// is fixed here and explained in hardware/README.md. References match hardware/bom.csv.
/// </summary>
public static class DongleSchematic
{
    public static IReadOnlyList<SchematicPart> Parts(BoardDefinition board)
    {
        if (!Esp32Module.Known.TryGetValue(board.Module, out var module))
            throw new BoardFileException($"module {board.Module} is unknown");
        var parts = new List<SchematicPart>
        {
            Module(board, module),
            new("U2", Symbols.Mcp2515, "MCP2515-I/SO", "Package_SO:SOIC-18W_7.5x11.6mm_P1.27mm", new Dictionary<string, string>
            {
                ["13"] = N.SpiClock, ["14"] = N.SpiMosi, ["15"] = N.SpiMiso, ["16"] = N.CanChipSelect, ["12"] = N.CanInterrupt,
                ["17"] = N.McpReset, ["8"] = N.Osc1, ["7"] = N.Osc2, ["18"] = N.Rail3V3, ["9"] = N.Ground,
                ["1"] = N.CanTxd, ["2"] = N.CanRxd,
                // The request-to-send inputs are unused; tied high rather than left to the internal pull-ups.
                ["4"] = N.Rail3V3, ["5"] = N.Rail3V3, ["6"] = N.Rail3V3,
            }),
            new("U3", Symbols.Tcan334, board.Transceiver.Part + "DR", "Package_SO:SOIC-8_3.9x4.9mm_P1.27mm", new Dictionary<string, string>
            {
                ["1"] = N.CanTxd, ["4"] = N.CanRxd, ["8"] = N.CanStandby, ["5"] = N.Ground, ["3"] = N.Rail3V3, ["2"] = N.Ground,
                ["7"] = N.CanHigh, ["6"] = N.CanLow,
            }),
            new("U4", Symbols.Lmr16006Q3, "LMR16006YQ3", "Package_TO_SOT_SMD:SOT-23-6", new Dictionary<string, string>
            {
                ["5"] = N.BatteryProtected, ["4"] = N.BatteryProtected, ["2"] = N.Ground,
                ["6"] = N.BuckSwitch, ["1"] = N.BuckBoot, ["3"] = N.Rail3V3,
            }),
            new("J1", Symbols.J1962, "J1962 plug", "Dimo:J1962_Plug_PCB_Edge", new Dictionary<string, string>
            {
                ["4"] = N.Ground, ["5"] = N.Ground, ["6"] = N.CanHigh, ["14"] = N.CanLow, ["16"] = N.Battery,
            }),
            new("J2", Symbols.ConsoleHeader, "Console", "Connector_PinHeader_2.54mm:PinHeader_1x04_P2.54mm_Vertical", new Dictionary<string, string>
            {
                ["1"] = N.Ground, ["2"] = N.ConsoleTx, ["3"] = N.ConsoleRx, ["4"] = N.EspEnable,
            }),
            new("D4", Symbols.CanEsd, "PESD2CAN", "Package_TO_SOT_SMD:SOT-23", new Dictionary<string, string>
            {
                ["1"] = N.CanHigh, ["2"] = N.CanLow, ["3"] = N.Ground,
            }),
            TwoPin("F1", Symbols.Fuse, "1 A slow", "Fuse:Fuse_1206_3216Metric", N.Battery, N.BatteryFused),
            TwoPin("D1", Symbols.Tvs, "SMCJ33CA", "Diode_SMD:D_SMC", N.BatteryFused, N.Ground),
            TwoPin("D2", Symbols.Schottky, "STPS2H100A", "Diode_SMD:D_SMA", N.BatteryProtected, N.BatteryFused),
            TwoPin("C1", Symbols.Capacitor, "4.7u 100V", "Capacitor_SMD:C_1210_3225Metric", N.BatteryProtected, N.Ground),
            TwoPin("C2", Symbols.Capacitor, "100n", "Capacitor_SMD:C_0603_1608Metric", N.BuckBoot, N.BuckSwitch),
            TwoPin("L1", Symbols.Inductor, "6.8u", "Inductor_SMD:L_Bourns_SRN4018", N.BuckSwitch, N.Rail3V3),
            TwoPin("C3", Symbols.Capacitor, "22u 10V", "Capacitor_SMD:C_1206_3216Metric", N.Rail3V3, N.Ground),
            TwoPin("C4", Symbols.Capacitor, "22u 10V", "Capacitor_SMD:C_1206_3216Metric", N.Rail3V3, N.Ground),
            TwoPin("C5", Symbols.Capacitor, "100n", "Capacitor_SMD:C_0603_1608Metric", N.Rail3V3, N.Ground),
            TwoPin("C6", Symbols.Capacitor, "100n", "Capacitor_SMD:C_0603_1608Metric", N.Rail3V3, N.Ground),
            TwoPin("C7", Symbols.Capacitor, "100n", "Capacitor_SMD:C_0603_1608Metric", N.Rail3V3, N.Ground),
            // ESP32 EN: RC power-on delay as Espressif's module reference design does.
            TwoPin("R1", Symbols.Resistor, "10k", "Resistor_SMD:R_0603_1608Metric", N.Rail3V3, N.EspEnable),
            TwoPin("C8", Symbols.Capacitor, "1u", "Capacitor_SMD:C_0603_1608Metric", N.EspEnable, N.Ground),
            // Supply sense divider and its filter capacitor (the ADC's sampling capacitor sees the capacitor, not 1 MΩ).
            TwoPin("R2", Symbols.Resistor, Ohms(board.SupplySense.TopOhms), "Resistor_SMD:R_0603_1608Metric", N.BatteryProtected, N.SupplySense),
            TwoPin("R3", Symbols.Resistor, Ohms(board.SupplySense.BottomOhms), "Resistor_SMD:R_0603_1608Metric", N.SupplySense, N.Ground),
            TwoPin("C9", Symbols.Capacitor, Nanofarads(board.SupplySense.FilterCapacitorNanofarads), "Capacitor_SMD:C_0603_1608Metric", N.SupplySense, N.Ground),
            // MCP2515: crystal with load capacitors, RC reset, pull-ups that hold CS and INT high while the ESP32 boots.
            TwoPin("Y1", Symbols.Crystal, Megahertz(board.Mcp2515.CrystalHz), "Crystal:Crystal_SMD_HC49-SD", N.Osc1, N.Osc2),
            TwoPin("C10", Symbols.Capacitor, "27p", "Capacitor_SMD:C_0603_1608Metric", N.Osc1, N.Ground),
            TwoPin("C11", Symbols.Capacitor, "27p", "Capacitor_SMD:C_0603_1608Metric", N.Osc2, N.Ground),
            TwoPin("R4", Symbols.Resistor, "10k", "Resistor_SMD:R_0603_1608Metric", N.Rail3V3, N.McpReset),
            TwoPin("C12", Symbols.Capacitor, "100n", "Capacitor_SMD:C_0603_1608Metric", N.McpReset, N.Ground),
            TwoPin("R5", Symbols.Resistor, Ohms(board.Mcp2515.ChipSelectPullUpOhms), "Resistor_SMD:R_0603_1608Metric", N.Rail3V3, N.CanChipSelect),
            TwoPin("R6", Symbols.Resistor, Ohms(board.Mcp2515.InterruptPullUpOhms), "Resistor_SMD:R_0603_1608Metric", N.Rail3V3, N.CanInterrupt),
            // Transceiver STB pulled up: standby (bus wake-up only) whenever the ESP32 is not driving it.
            TwoPin("R7", Symbols.Resistor, Ohms(board.Transceiver.StandbyPullUpOhms), "Resistor_SMD:R_0603_1608Metric", N.Rail3V3, N.CanStandby),
            TwoPin("R8", Symbols.Resistor, Ohms(board.StatusLed.SeriesOhms), "Resistor_SMD:R_0603_1608Metric", N.StatusLed, N.LedAnode),
            TwoPin("D3", Symbols.Led, "green", "LED_SMD:LED_0603_1608Metric", N.Ground, N.LedAnode),
            TwoPin("R9", Symbols.Resistor, Ohms(board.Button.PullUpOhms), "Resistor_SMD:R_0603_1608Metric", N.Rail3V3, N.Button),
            TwoPin("SW1", Symbols.PushButton, "BOOT/USER", "Button_Switch_SMD:SW_SPST_TL3342", N.Button, N.Ground),
            PowerFlag("#FLG01", N.Ground),
            PowerFlag("#FLG02", N.BatteryProtected),
            PowerFlag("#FLG03", N.Rail3V3),
        };
        return parts;
    }

    private static SchematicPart Module(BoardDefinition board, Esp32Module module)
    {
        var nets = new Dictionary<string, string>();
        foreach (var pin in module.Pins)
        {
            if (pin.Name == "GND")
                nets[Number(pin.Number)] = N.Ground;
            else if (pin.Name == "3V3")
                nets[Number(pin.Number)] = N.Rail3V3;
            else if (pin.Name == "EN")
                nets[Number(pin.Number)] = N.EspEnable;
        }
        foreach (var use in board.PinUses())
            nets[Number(module.PinNumberOf(use.Gpio))] = use.Net;
        return new SchematicPart("U1", Symbols.Esp32WroverE, module.Name, "RF_Module:ESP32-WROVER-E", nets);
    }

    private static SchematicPart TwoPin(string reference, SymbolDefinition symbol, string value, string footprint, string net1, string net2) =>
        new(reference, symbol, value, footprint, new Dictionary<string, string> { ["1"] = net1, ["2"] = net2 });

    private static SchematicPart PowerFlag(string reference, string net) =>
        new(reference, Symbols.PowerFlag, "PWR_FLAG", "", new Dictionary<string, string> { ["1"] = net });

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Resistor value in the usual short form: 1000000 → 1M, 39000 → 39k, 330 → 330.</summary>
    public static string Ohms(int ohms) =>
        ohms >= 1_000_000 && ohms % 100_000 == 0 ? Scaled(ohms, 1_000_000, "M")
        : ohms >= 1_000 && ohms % 100 == 0 ? Scaled(ohms, 1_000, "k")
        : Number(ohms);

    private static string Scaled(int value, int unit, string suffix)
    {
        int whole = value / unit, tenth = value % unit / (unit / 10);
        return tenth == 0 ? Number(whole) + suffix : Number(whole) + suffix + Number(tenth);
    }

    private static string Nanofarads(int nf) => nf >= 1000 && nf % 1000 == 0 ? Number(nf / 1000) + "u" : Number(nf) + "n";

    private static string Megahertz(int hz) => (hz / 1e6).ToString("0.###", CultureInfo.InvariantCulture) + " MHz";
}
