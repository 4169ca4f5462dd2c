using System.Text.RegularExpressions;
using Dimo.Hardware.Boards;

namespace Dimo.Hardware.Tests.Schematic;

public class DongleSchematicTests
{
    private static readonly string Committed = CommittedBoard.Text(DongleFiles.SchematicPath);
    private static readonly SchematicConnections Sheet = SchematicConnections.Read(Committed);

    /// <summary>ESP32-WROVER-E module pin names to GPIO, from Espressif's datasheet (pin names as KiCad's library spells them).</summary>
    private static int? GpioOfModulePinName(string name) => name switch
    {
        "SENSOR_VP" => 36,
        "SENSOR_VN" => 39,
        "TXD0" => 1,
        "RXD0" => 3,
        _ when name.StartsWith("IO", StringComparison.Ordinal) => int.Parse(name[2..], System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    [Fact]
    public void Committed_schematic_is_what_the_generator_makes_from_board_json()
    {
        Assert.Equal(DongleFiles.Schematic(CommittedBoard.Board), Committed);
    }

    [Fact]
    public void Schematic_is_a_kicad_6_file_of_format_20211123()
    {
        Assert.Equal("20211123", Sheet.Root.Child("version").Text(1));
        Assert.Equal("eeschema", Sheet.Root.Child("generator").Text(1));
        Assert.Single(Sheet.Root.Children("sheet_instances"));
        Assert.Equal(Sheet.References.Order(), Sheet.Root.Child("symbol_instances").Children("path").Select(p => p.Child("reference").Text(1)).Order());
    }

    [Fact]
    public void Esp32_gpio_labels_are_exactly_the_pins_of_board_json()
    {
        var fromSchematic = Sheet.PinNets
            .Where(p => p.Key.Reference == "U1" && GpioOfModulePinName(Sheet.PinNames[p.Key]) != null)
            .Select(p => (Gpio: GpioOfModulePinName(Sheet.PinNames[p.Key])!.Value, Net: p.Value))
            .OrderBy(p => p.Gpio).ToList();
        var fromBoard = CommittedBoard.Board.PinUses().Select(u => (u.Gpio, u.Net)).OrderBy(p => p.Gpio).ToList();
        Assert.Equal(fromBoard, fromSchematic);
    }

    [Theory]
    [InlineData("IO18", "30")]
    [InlineData("IO19", "31")]
    [InlineData("IO23", "37")]
    [InlineData("IO27", "12")]
    [InlineData("IO35", "7")]
    [InlineData("IO34", "6")]
    [InlineData("IO26", "11")]
    [InlineData("IO25", "10")]
    [InlineData("IO0", "25")]
    [InlineData("TXD0", "35")]
    [InlineData("RXD0", "34")]
    [InlineData("3V3", "2")]
    [InlineData("EN", "3")]
    public void Esp32_module_pins_carry_the_datasheet_numbers(string name, string number)
    {
        Assert.Equal(name, Sheet.PinNames[("U1", number)]);
    }

    [Fact]
    public void Module_pins_the_wrover_uses_for_flash_and_psram_are_not_connected()
    {
        foreach (var number in new[] { "17", "18", "19", "20", "21", "22", "27", "28" })
        {
            Assert.Equal("NC", Sheet.PinNames[("U1", number)]);
            Assert.Equal("no_connect", Sheet.PinTypes[("U1", number)]);
            Assert.Null(Sheet.NetOn("U1", number));
        }
    }

    [Fact]
    public void Every_pin_is_labelled_or_marked_not_connected_exactly_once_and_no_label_floats()
    {
        Assert.Empty(Sheet.StrayLabels);
        // Pins of type no_connect need no flag (KiCad warns about a flag on them); every other pin needs one or a label.
        foreach (var pin in Sheet.PinNames.Keys)
        {
            bool markedByType = Sheet.PinTypes[pin] == "no_connect";
            int marks = (Sheet.PinNets.ContainsKey(pin) ? 1 : 0) + (Sheet.NoConnects.Contains(pin) ? 1 : 0) + (markedByType ? 1 : 0);
            Assert.True(marks == 1, $"{pin.Reference} pin {pin.Pin}: {marks} of label, flag, no_connect type");
        }
        Assert.Equal(Sheet.NoConnects.Count, Sheet.Root.Children("no_connect").Count());
    }

    [Fact]
    public void Every_net_joins_at_least_two_pins()
    {
        var lonely = Sheet.PinNets.GroupBy(p => p.Value).Where(g => g.Count() < 2).Select(g => g.Key);
        Assert.Empty(lonely);
    }

    [Fact]
    public void Every_net_with_a_power_input_is_driven_by_a_power_output()
    {
        // What KiCad's electrical rules check demands; without it every rail is an ERC error.
        foreach (var net in Sheet.PinNets.GroupBy(p => p.Value))
        {
            var types = net.Select(p => Sheet.PinTypes[p.Key]).ToList();
            if (types.Contains("power_in"))
                Assert.True(types.Contains("power_out"), $"{net.Key} has power inputs but nothing drives it");
        }
        Assert.Equal(3, Sheet.PinTypes.Values.Count(t => t == "power_out"));
    }

    [Theory]
    // MCP2515 (SOIC-18) pin numbers from Microchip's datasheet, nets from board.json's wiring.
    [InlineData("U2", "13", "SCK", Nets.SpiClock)]
    [InlineData("U2", "14", "SI", Nets.SpiMosi)]
    [InlineData("U2", "15", "SO", Nets.SpiMiso)]
    [InlineData("U2", "16", "~{CS}", Nets.CanChipSelect)]
    [InlineData("U2", "12", "~{INT}", Nets.CanInterrupt)]
    [InlineData("U2", "1", "TXCAN", Nets.CanTxd)]
    [InlineData("U2", "2", "RXCAN", Nets.CanRxd)]
    [InlineData("U2", "18", "VDD", Nets.Rail3V3)]
    // TCAN334 (SOIC-8) from TI's datasheet.
    [InlineData("U3", "1", "TXD", Nets.CanTxd)]
    [InlineData("U3", "4", "RXD", Nets.CanRxd)]
    [InlineData("U3", "8", "STB", Nets.CanStandby)]
    [InlineData("U3", "7", "CANH", Nets.CanHigh)]
    [InlineData("U3", "6", "CANL", Nets.CanLow)]
    [InlineData("U3", "3", "VCC", Nets.Rail3V3)]
    // SAE J1962: CAN-H 6, CAN-L 14, battery 16, grounds 4 and 5.
    [InlineData("J1", "6", "CAN_H", Nets.CanHigh)]
    [InlineData("J1", "14", "CAN_L", Nets.CanLow)]
    [InlineData("J1", "16", "BATTERY", Nets.Battery)]
    [InlineData("J1", "4", "CHASSIS_GND", Nets.Ground)]
    [InlineData("J1", "5", "SIGNAL_GND", Nets.Ground)]
    public void Peer_pins_carry_the_nets_of_the_wiring(string reference, string pin, string name, string net)
    {
        Assert.Equal(name, Sheet.PinNames[(reference, pin)]);
        Assert.Equal(net, Sheet.NetOn(reference, pin));
    }

    [Theory]
    // The protection chain the README describes: fuse, TVS to ground, series Schottky, then the buck and the divider.
    [InlineData("F1", "1", Nets.Battery)]
    [InlineData("F1", "2", Nets.BatteryFused)]
    [InlineData("D1", "1", Nets.BatteryFused)]
    [InlineData("D1", "2", Nets.Ground)]
    [InlineData("D2", "2", Nets.BatteryFused)] // anode
    [InlineData("D2", "1", Nets.BatteryProtected)] // cathode
    [InlineData("U4", "5", Nets.BatteryProtected)] // VIN
    [InlineData("U4", "3", Nets.Rail3V3)] // FB of the fixed 3.3 V version senses the output
    [InlineData("R2", "1", Nets.BatteryProtected)] // divider after the diode: the ADC never sees reverse polarity
    public void Supply_passes_fuse_tvs_and_reverse_diode_before_buck_and_divider(string reference, string pin, string net)
    {
        Assert.Equal(net, Sheet.NetOn(reference, pin));
    }

    [Fact]
    public void Only_five_j1962_pins_are_connected()
    {
        var connected = Sheet.PinNets.Keys.Where(k => k.Reference == "J1").Select(k => int.Parse(k.Pin, System.Globalization.CultureInfo.InvariantCulture)).Order();
        Assert.Equal([4, 5, 6, 14, 16], connected);
    }

    [Fact]
    public void Divider_crystal_and_pull_ups_carry_board_json_values()
    {
        var board = CommittedBoard.Board;
        var values = Sheet.Root.Child("symbol_instances").Children("path")
            .ToDictionary(p => p.Child("reference").Text(1), p => p.Child("value").Text(1));
        Assert.Equal((Nets.BatteryProtected, Nets.SupplySense), (Sheet.NetOn("R2", "1"), Sheet.NetOn("R2", "2")));
        Assert.Equal((Nets.SupplySense, Nets.Ground), (Sheet.NetOn("R3", "1"), Sheet.NetOn("R3", "2")));
        Assert.Equal(Ohms(board.SupplySense.TopOhms), OhmsOf(values["R2"]));
        Assert.Equal(Ohms(board.SupplySense.BottomOhms), OhmsOf(values["R3"]));
        Assert.Equal(Ohms(board.Mcp2515.InterruptPullUpOhms), OhmsOf(values["R6"]));
        Assert.Equal(Nets.CanInterrupt, Sheet.NetOn("R6", "2"));
        Assert.Equal(board.Mcp2515.CrystalHz / 1e6, double.Parse(values["Y1"].Replace(" MHz", ""), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((Nets.Osc1, Nets.Osc2), (Sheet.NetOn("Y1", "1"), Sheet.NetOn("Y1", "2")));
    }

    private static long Ohms(int ohms) => ohms;

    /// <summary>Reads "1M", "39k", "4k7", "330" as ohms.</summary>
    private static long OhmsOf(string value)
    {
        var m = Regex.Match(value, @"^(\d+)([kM]?)(\d*)$");
        Assert.True(m.Success, value);
        long scale = m.Groups[2].Value switch { "k" => 1_000, "M" => 1_000_000, _ => 1 };
        long whole = long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * scale;
        string fraction = m.Groups[3].Value;
        return fraction.Length == 0 ? whole : whole + long.Parse(fraction, System.Globalization.CultureInfo.InvariantCulture) * scale / (long)Math.Pow(10, fraction.Length);
    }
}
