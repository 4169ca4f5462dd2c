namespace Dimo.Dbc.Model;

public sealed class DbcMessage
{
    /// <summary>The CAN id without the extended flag bit.</summary>
    public required uint Id { get; init; }

    /// <summary>True for a 29-bit id: written with bit 31 set, or above 0x7FF.</summary>
    public required bool IsExtended { get; init; }

    public required string Name { get; init; }

    /// <summary>Payload length in bytes (the DBC's DLC field, up to 64 for CAN FD).</summary>
    public required int Length { get; init; }

    public string? Transmitter { get; init; }

    public List<string> Transmitters { get; } = [];

    public List<DbcSignal> Signals { get; } = [];

    public string? Comment { get; set; }

    /// <summary>The line of the BO_ statement.</summary>
    public required int Line { get; init; }

    /// <summary>True when SG_MUL_VAL_ gives this message extended multiplexing.</summary>
    public bool HasExtendedMultiplexing { get; set; }

    public DbcSignal? FindSignal(string name) => Signals.FirstOrDefault(s => s.Name == name);

    public DbcSignal? Multiplexer => Signals.FirstOrDefault(s => s.IsMultiplexer);

    public override string ToString() => $"{Name} (0x{Id:X})";
}
