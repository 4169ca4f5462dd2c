namespace Dimo.Hardware.Boards;

/// <summary>
/// What an ESP32 module allows on its pins. Facts from Espressif's ESP32 datasheet (strapping pins, input-only
/// GPIO34-39 without pull resistors, ADC1/ADC2 channel map), the ESP32-WROVER-E datasheet (module pin numbers;
/// GPIO6-11 and GPIO16/17 belong to the flash and PSRAM and are not brought out), and ESP-IDF's ADC guide
/// (ADC2 cannot be read while Wi-Fi runs; the usable input range per attenuation).
/// </summary>
public sealed class Esp32Module
{
    public required string Name { get; init; }
    public required bool HasPsram { get; init; }
    /// <summary>nanoFramework firmware images that fit the module, with the reason the first one is the choice.</summary>
    public required IReadOnlyList<string> NanoFrameworkTargets { get; init; }
    /// <summary>Module pin number and label for every pin of the footprint (1-based; 39 is the exposed ground pad).</summary>
    public required IReadOnlyList<(int Number, string Name, int? Gpio)> Pins { get; init; }

    /// <summary>GPIOs with no output driver and no internal pull resistors.</summary>
    public static readonly IReadOnlySet<int> InputOnly = new HashSet<int> { 34, 35, 36, 39 };

    /// <summary>Strapping pins and the level each needs at reset for a normal boot from 3.3 V flash.
    /// Each has an internal pull to that level, so leaving it floating is also fine.</summary>
    public static readonly IReadOnlyDictionary<int, IdleLevel> Strapping = new Dictionary<int, IdleLevel>
    {
        [0] = IdleLevel.High, // low = ROM download mode
        [2] = IdleLevel.Low, // must be low or floating for download mode to work
        [5] = IdleLevel.High, // SDIO slave timing
        [12] = IdleLevel.Low, // MTDI: high selects 1.8 V for VDD_SDIO, which browns out the module's 3.3 V flash and PSRAM
        [15] = IdleLevel.High, // MTDO: low silences the ROM boot log
    };

    /// <summary>UART0: the nanoFramework wire protocol (deploy, debug) and the console. Nothing else may use it.</summary>
    public static readonly IReadOnlySet<int> Console = new HashSet<int> { 1, 3 };

    /// <summary>ADC1 channel to GPIO (channels 1 and 2, GPIO37/38, are not brought out on modules).</summary>
    public static readonly IReadOnlyDictionary<int, int> Adc1Channels = new Dictionary<int, int>
    {
        [0] = 36, [3] = 39, [4] = 32, [5] = 33, [6] = 34, [7] = 35,
    };

    /// <summary>ESP-IDF's recommended input range (mV) per attenuation (dB) for ESP32's ADC.</summary>
    public static readonly IReadOnlyDictionary<int, (int MinMillivolts, int MaxMillivolts)> AdcRange = new Dictionary<int, (int, int)>
    {
        [0] = (100, 950), [2] = (100, 1250), [6] = (150, 1750), [11] = (150, 2450),
    };

    public IEnumerable<int> UsableGpios => Pins.Where(p => p.Gpio.HasValue).Select(p => p.Gpio!.Value);

    public int PinNumberOf(int gpio) => Pins.First(p => p.Gpio == gpio).Number;

    /// <summary>ESP32-WROVER-E: ESP32-D0WD-V3 (chip revision 3), 4-16 MB flash, 8 MB PSRAM.</summary>
    public static readonly Esp32Module WroverE = new()
    {
        Name = "ESP32-WROVER-E",
        HasPsram = true,
        // The chip is revision 3, so the image without the PSRAM cache workaround of revisions 0/1 is the right one;
        // PSRAM gives the managed heap megabytes instead of ~100 KB, room for TLS, the spool and decoder tables.
        NanoFrameworkTargets = ["ESP32_PSRAM_REV3"],
        Pins =
        [
            (1, "GND", null), (2, "3V3", null), (3, "EN", null), (4, "SENSOR_VP", 36), (5, "SENSOR_VN", 39),
            (6, "IO34", 34), (7, "IO35", 35), (8, "IO32", 32), (9, "IO33", 33), (10, "IO25", 25), (11, "IO26", 26),
            (12, "IO27", 27), (13, "IO14", 14), (14, "IO12", 12), (15, "GND", null), (16, "IO13", 13),
            (17, "NC", null), (18, "NC", null), (19, "NC", null), (20, "NC", null), (21, "NC", null), (22, "NC", null),
            (23, "IO15", 15), (24, "IO2", 2), (25, "IO0", 0), (26, "IO4", 4), (27, "NC", null), (28, "NC", null),
            (29, "IO5", 5), (30, "IO18", 18), (31, "IO19", 19), (32, "NC", null), (33, "IO21", 21), (34, "RXD0", 3),
            (35, "TXD0", 1), (36, "IO22", 22), (37, "IO23", 23), (38, "GND", null), (39, "GND", null),
        ],
    };

    public static readonly IReadOnlyDictionary<string, Esp32Module> Known = new Dictionary<string, Esp32Module>
    {
        [WroverE.Name] = WroverE,
    };
}
