namespace Dimo.Hardware.Boards;

/// <summary>The schematic's net names: the global labels a person sees in KiCad.</summary>
public static class Nets
{
    public const string SpiClock = "SPI_SCK";
    public const string SpiMosi = "SPI_MOSI";
    public const string SpiMiso = "SPI_MISO";
    public const string CanChipSelect = "CAN_CS";
    public const string CanInterrupt = "CAN_INT";
    public const string CanStandby = "CAN_STB";
    public const string CanTxd = "CAN_TXD";
    public const string CanRxd = "CAN_RXD";
    public const string CanHigh = "CAN_H";
    public const string CanLow = "CAN_L";
    public const string SupplySense = "VBAT_SENSE";
    public const string StatusLed = "STATUS_LED";
    public const string Button = "BUTTON";
    public const string ConsoleTx = "UART0_TX";
    public const string ConsoleRx = "UART0_RX";
    public const string EspEnable = "ESP_EN";
    public const string Battery = "+12V_OBD";
    public const string BatteryFused = "+12V_FUSED";
    public const string BatteryProtected = "+12V_PROT";
    public const string Rail3V3 = "+3V3";
    public const string Ground = "GND";
    public const string BuckSwitch = "BUCK_SW";
    public const string BuckBoot = "BUCK_CB";
    public const string BuckFeedback = "BUCK_FB";
    public const string Osc1 = "MCP_OSC1";
    public const string Osc2 = "MCP_OSC2";
    public const string McpReset = "MCP_RESET";
    public const string LedAnode = "LED_A";
}
