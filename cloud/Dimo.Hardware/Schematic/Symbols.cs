namespace Dimo.Hardware.Schematic;

/// <summary>
/// The symbols the dongle's schematic uses. Pin numbers, names and electrical types of the ESP32 module, MCP2515,
/// TCAN334, LMR16006 and the two-pin parts agree with KiCad 6's bundled library (kicad-symbols 6.0.10:
/// RF_Module:ESP32-WROOM-32, whose footprint the WROVER-E shares, with pins 17-22, 27 and 28 not connected and the
/// names Espressif's WROVER-E datasheet uses (3V3, TXD0, RXD0), Interface_CAN_LIN:MCP2515-xSO and TCAN334,
/// Regulator_Switching:LMR16006YQ3, Device:R/C/L/Fuse/D_Schottky/D_TVS/LED/Crystal); the drawing is our own box.
/// </summary>
public static class Symbols
{
    private static SymbolPin P(string number, string name, string type = "passive") => new(number, name, type);

    private static SymbolDefinition TwoPin(string name, string prefix, string description, string pin1 = "1", string pin2 = "2") =>
        new(name, prefix, description, [P("1", pin1)], [P("2", pin2)], ShowPinNames: false);

    // KiCad's R, C and Fuse leave their pins unnamed ("~").
    public static readonly SymbolDefinition Resistor = TwoPin("R", "R", "Resistor", "~", "~");
    public static readonly SymbolDefinition Capacitor = TwoPin("C", "C", "Capacitor", "~", "~");
    public static readonly SymbolDefinition Inductor = TwoPin("L", "L", "Inductor");
    public static readonly SymbolDefinition Fuse = TwoPin("Fuse", "F", "Fuse", "~", "~");
    public static readonly SymbolDefinition Crystal = TwoPin("Crystal", "Y", "Two-pin crystal");
    public static readonly SymbolDefinition PushButton = TwoPin("SW_Push", "SW", "Push button, normally open");
    public static readonly SymbolDefinition Schottky = TwoPin("D_Schottky", "D", "Schottky diode (pin 1 cathode, pin 2 anode)", "K", "A");
    public static readonly SymbolDefinition Tvs = TwoPin("D_TVS", "D", "Bidirectional TVS diode", "A1", "A2");
    public static readonly SymbolDefinition Led = TwoPin("LED", "D", "LED (pin 1 cathode, pin 2 anode)", "K", "A");

    /// <summary>ESP32-WROVER-E: WROOM-32's footprint and numbering; 17-22 (flash) and 27/28 (PSRAM) are not connected.</summary>
    public static readonly SymbolDefinition Esp32WroverE = new("ESP32-WROVER-E", "U", "ESP32 module with 8 MB PSRAM (ESP32-D0WD-V3)",
        Boards.Esp32Module.WroverE.Pins.Where(p => p.Number <= 19).Select(Esp32Pin).ToList(),
        Boards.Esp32Module.WroverE.Pins.Where(p => p.Number > 19).Select(Esp32Pin).ToList());

    private static SymbolPin Esp32Pin((int Number, string Name, int? Gpio) pin)
    {
        string type = pin.Name switch
        {
            "GND" or "3V3" => "power_in",
            "NC" => "no_connect",
            "EN" => "input",
            _ when pin.Gpio is int gpio && Boards.Esp32Module.InputOnly.Contains(gpio) => "input",
            _ => "bidirectional",
        };
        return P(pin.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), pin.Name, type);
    }

    public static readonly SymbolDefinition Mcp2515 = new("MCP2515", "U", "Stand-alone CAN controller with SPI, SOIC-18",
        [
            P("13", "SCK", "input"), P("14", "SI", "input"), P("15", "SO", "output"), P("16", "~{CS}", "input"),
            P("12", "~{INT}", "output"), P("17", "~{RESET}", "input"), P("8", "OSC1", "input"), P("7", "OSC2", "output"),
            P("18", "VDD", "power_in"), P("9", "VSS", "power_in"),
        ],
        [
            P("1", "TXCAN", "output"), P("2", "RXCAN", "input"), P("3", "CLKOUT/SOF", "output"), P("4", "~{TX0RTS}", "input"),
            P("5", "~{TX1RTS}", "input"), P("6", "~{TX2RTS}", "input"), P("11", "~{RX0BF}", "output"), P("10", "~{RX1BF}", "output"),
        ]);

    public static readonly SymbolDefinition Tcan334 = new("TCAN334", "U", "3.3 V CAN transceiver with standby and bus wake-up, SOIC-8",
        [
            P("1", "TXD", "input"), P("4", "RXD", "tri_state"), P("8", "STB", "input"), P("5", "SHDN", "input"),
            P("3", "VCC", "power_in"), P("2", "GND", "power_in"),
        ],
        [P("7", "CANH", "bidirectional"), P("6", "CANL", "bidirectional")]);

    public static readonly SymbolDefinition Lmr16006Q3 = new("LMR16006YQ3", "U", "Buck regulator, 4-60 V in, 3.3 V 0.6 A out, SOT-23-6",
        [P("5", "VIN", "power_in"), P("4", "~{SHDN}", "input"), P("2", "GND", "power_in")],
        [P("6", "SW", "output"), P("1", "CB", "input"), P("3", "FB", "input")]);

    /// <summary>SAE J1962 / ISO 15031-3 vehicle connector, seen from the dongle's plug.</summary>
    public static readonly SymbolDefinition J1962 = new("J1962_Plug", "J", "OBD-II (SAE J1962) 16-pin plug",
        Enumerable.Range(1, 8).Select(n => P(n.ToString(System.Globalization.CultureInfo.InvariantCulture), J1962Name(n))).ToList(),
        Enumerable.Range(9, 8).Select(n => P(n.ToString(System.Globalization.CultureInfo.InvariantCulture), J1962Name(n))).ToList());

    private static string J1962Name(int pin) => pin switch
    {
        4 => "CHASSIS_GND",
        5 => "SIGNAL_GND",
        6 => "CAN_H",
        14 => "CAN_L",
        16 => "BATTERY",
        _ => "P" + pin.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Nexperia PESD2CAN: two ESD/transient diodes for CAN-H and CAN-L to a common ground pin (SOT-23).</summary>
    public static readonly SymbolDefinition CanEsd = new("PESD2CAN", "D", "CAN bus ESD protection, SOT-23",
        [P("1", "K1"), P("2", "K2")], [P("3", "A")]);

    /// <summary>
    /// KiCad's electrical rules check wants every net with power inputs driven by a power output; the rails here
    /// are driven by passives (fuse, diode, inductor), so a flag on each says "this net is powered".
    /// </summary>
    public static readonly SymbolDefinition PowerFlag = new("PWR_FLAG", "#FLG", "Marks a net as powered, for the electrical rules check",
        [P("1", "pwr", "power_out")], [], ShowPinNames: false, InBom: false);

    public static readonly SymbolDefinition ConsoleHeader = new("Conn_01x04", "J", "4-pin header: serial console and flashing",
        [P("1", "GND"), P("2", "TX"), P("3", "RX"), P("4", "EN")], []);
}
