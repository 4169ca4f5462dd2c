namespace Dimo.Hardware.Boards;

/// <summary>One GPIO the board uses: the net it carries, its direction, and the level the board holds it at during reset.</summary>
public sealed record PinUse(int Gpio, string Net, PinDirection Direction, IdleLevel IdleLevel);

public enum PinDirection
{
    Input,
    Output,
    Analog,
}

/// <summary>The level external parts hold a pin at while the ESP32 is in reset (which is when strapping pins are sampled).</summary>
public enum IdleLevel
{
    /// <summary>Nothing on the board pulls it: the chip's internal default applies.</summary>
    Floating,
    Low,
    High,
}
