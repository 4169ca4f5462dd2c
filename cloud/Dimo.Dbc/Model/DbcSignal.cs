using Dimo.Core.Can;

namespace Dimo.Dbc.Model;

public sealed class DbcSignal
{
    public required string Name { get; init; }

    /// <summary>Start bit in DBC numbering: the least significant bit for Intel, the most significant for Motorola.</summary>
    public required int StartBit { get; init; }

    public required int Length { get; init; }

    /// <summary>Motorola byte order (<c>@0</c>); Intel (<c>@1</c>) otherwise.</summary>
    public required bool IsBigEndian { get; init; }

    public required bool IsSigned { get; init; }

    public required double Factor { get; init; }

    public required double Offset { get; init; }

    public required double Minimum { get; init; }

    public required double Maximum { get; init; }

    public required string Unit { get; init; }

    public List<string> Receivers { get; } = [];

    /// <summary>This signal is the message's multiplexer (<c>M</c>, or <c>mNM</c>).</summary>
    public bool IsMultiplexer { get; init; }

    /// <summary>The multiplexer raw value that selects this signal (<c>mN</c>), or null when always present.</summary>
    public long? MultiplexValue { get; init; }

    public SignalValueType ValueType { get; set; } = SignalValueType.Integer;

    /// <summary>Value descriptions (VAL_), raw value → label.</summary>
    public Dictionary<long, string> Choices { get; set; } = [];

    public string? Comment { get; set; }

    public required int Line { get; init; }

    public override string ToString() => Name;
}
