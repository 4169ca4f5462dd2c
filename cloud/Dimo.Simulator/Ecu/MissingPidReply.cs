namespace Dimo.Simulator.Ecu;

/// <summary>How a simulated ECU treats a request it cannot serve.</summary>
public enum MissingPidReply
{
    /// <summary>No answer at all, as SAE J1979 asks of an ECU for an unsupported PID.</summary>
    Silent,

    /// <summary>A negative response <c>7F &lt;service&gt; 31</c> (request out of range).</summary>
    NegativeResponse,
}
