using Dimo.Hardware.Boards;

namespace Dimo.Hardware.Tests.Boards;

public class BoardRulesTests
{
    [Fact]
    public void Committed_board_breaks_no_rule()
    {
        Assert.Empty(BoardRules.Check(CommittedBoard.Board));
    }

    [Fact]
    public void Committed_board_uses_eleven_distinct_gpios()
    {
        var gpios = CommittedBoard.Board.PinUses().Select(u => u.Gpio).ToList();
        Assert.Equal(11, gpios.Count);
        Assert.Equal(gpios.Count, gpios.Distinct().Count());
    }

    [Fact]
    public void Pin_used_twice_is_reported_with_both_nets()
    {
        var problem = Assert.Single(BoardRules.Check(CommittedBoard.With("statusLed.gpio", 27)));
        Assert.Contains("GPIO27 is used twice", problem);
        Assert.Contains("CAN_CS", problem);
        Assert.Contains("STATUS_LED", problem);
    }

    [Theory]
    [InlineData(34)]
    [InlineData(35)]
    [InlineData(36)]
    [InlineData(39)]
    public void Output_on_an_input_only_pin_is_reported(int gpio)
    {
        var board = CommittedBoard.With("mcp2515.chipSelectGpio", gpio);
        Assert.Contains(BoardRules.Check(board), p => p.Contains($"CAN_CS is an output on GPIO{gpio}, which is input-only"));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(11)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(40)]
    public void Gpio_the_module_does_not_bring_out_is_reported(int gpio)
    {
        var problem = Assert.Single(BoardRules.Check(CommittedBoard.With("statusLed.gpio", gpio)));
        Assert.Contains($"STATUS_LED on GPIO{gpio}: ESP32-WROVER-E does not bring that GPIO out", problem);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(12)]
    [InlineData(15)]
    public void Output_on_a_strapping_pin_is_reported(int gpio)
    {
        var problem = Assert.Single(BoardRules.Check(CommittedBoard.With("statusLed.gpio", gpio)));
        Assert.Contains($"strapping pin GPIO{gpio} is not an input", problem);
    }

    [Fact]
    public void Input_holding_a_strapping_pin_at_the_wrong_boot_level_is_reported()
    {
        // GPIO12 pulled high at reset would select 1.8 V for the module's 3.3 V flash.
        var problem = Assert.Single(BoardRules.Check(CommittedBoard.With("button.gpio", 12)));
        Assert.Contains("BUTTON holds strapping pin GPIO12 high at reset, but a normal boot needs it low", problem);
    }

    [Fact]
    public void Button_with_pull_up_on_gpio0_is_accepted_because_gpio0_boots_high()
    {
        var board = CommittedBoard.Board;
        Assert.Equal(0, board.Button.Gpio);
        Assert.Equal(IdleLevel.High, board.PinUses().Single(u => u.Net == Nets.Button).IdleLevel);
        Assert.Equal(IdleLevel.High, Esp32Module.Strapping[0]);
    }

    [Fact]
    public void Adc2_is_refused_because_wifi_owns_it()
    {
        var problem = Assert.Single(BoardRules.Check(CommittedBoard.With("supplySense.adcUnit", 2)));
        Assert.Contains("ADC2 cannot be read while Wi-Fi runs", problem);
    }

    [Fact]
    public void Adc_channel_must_be_the_channel_of_the_sense_gpio()
    {
        var problem = Assert.Single(BoardRules.Check(CommittedBoard.With("supplySense.adcChannel", 7)));
        Assert.Equal("ADC1 channel 7 is not GPIO34", problem);
    }

    [Fact]
    public void Committed_divider_keeps_the_adc_in_range_from_lowest_to_worst_case()
    {
        var sense = CommittedBoard.Board.SupplySense;
        var (min, max) = Esp32Module.AdcRange[sense.AttenuationDb];
        Assert.InRange(sense.WorstCaseVolts * sense.Ratio * 1000, min, max);
        Assert.InRange(sense.LowestVolts * sense.Ratio * 1000, min, max);
        // The worst case is the TVS's maximum clamp, above the 35 V suppressed load dump and a 24 V jump start.
        Assert.True(sense.WorstCaseVolts > 35);
    }

    [Fact]
    public void Divider_that_overdrives_the_adc_at_the_worst_case_is_reported()
    {
        // 100 kΩ over 39 kΩ: 53.3 V × 39/139 ≈ 15 V at the pin.
        var problem = Assert.Single(BoardRules.Check(CommittedBoard.With("supplySense.topOhms", 100000)));
        Assert.Contains("above its 2450 mV range at 11 dB: raise the top resistor", problem);
    }

    [Fact]
    public void Divider_that_cannot_read_the_lowest_voltage_is_reported()
    {
        var problem = Assert.Single(BoardRules.Check(CommittedBoard.With("supplySense.topOhms", 2000000)));
        Assert.Contains("below its 150 mV range: lower the top resistor", problem);
    }

    [Fact]
    public void Interrupt_on_input_only_pin_without_external_pull_up_is_reported()
    {
        var problem = Assert.Single(BoardRules.Check(CommittedBoard.With("mcp2515.interruptPullUpOhms", 0)));
        Assert.Contains("CAN_INT on GPIO35 has no internal pull-up", problem);
    }

    [Fact]
    public void Crystal_the_bit_timing_does_not_cover_is_reported()
    {
        var problem = Assert.Single(BoardRules.Check(CommittedBoard.With("mcp2515.crystalHz", 20000000)));
        Assert.Contains("8 MHz and 16 MHz only", problem);
    }

    [Fact]
    public void Spi_clock_above_the_mcp2515_limit_is_reported()
    {
        var problem = Assert.Single(BoardRules.Check(CommittedBoard.With("spi.clockHz", 20000000)));
        Assert.Contains("outside the MCP2515's", problem);
    }

    [Fact]
    public void Target_without_psram_support_is_reported_for_the_wrover()
    {
        var problem = Assert.Single(BoardRules.Check(CommittedBoard.With("nanoFrameworkTarget", "ESP32_REV0")));
        Assert.Contains("use ESP32_PSRAM_REV3", problem);
    }

    [Fact]
    public void Signal_on_the_console_uart_is_reported()
    {
        var problem = Assert.Single(BoardRules.Check(CommittedBoard.With("statusLed.gpio", 1)), p => p.Contains("UART0, nanoFramework's deploy and debug port"));
        Assert.Contains("STATUS_LED on GPIO1", problem);
    }

    [Fact]
    public void Console_off_uart0_is_reported()
    {
        var problem = Assert.Single(BoardRules.Check(CommittedBoard.With("console.txGpio", 22)));
        Assert.Contains("UART0_TX must be on UART0 (GPIO1 TX, GPIO3 RX)", problem);
    }
}
