using System.Buffers.Binary;
using System.Text;
using Dimo.Core.Can;
using Dimo.Core.Checksums;
using Dimo.Core.Signals;
using Dimo.Dbc.Filters;
using Dimo.Dbc.Model;

namespace Dimo.Dbc.Compilation;

/// <summary>
/// Turns a parsed DBC into the binary decoder table of <see cref="DecoderTableFormat"/>: either every message
/// and signal (with names, for <c>dimo decode</c>), or a vehicle's selection mapped to catalog ids (without
/// names, for the dongle).
/// </summary>
public static class DecoderTableCompiler
{
    /// <summary>
    /// Every message (also those without signals, which decode to an empty set) and every signal, with names
    /// and no catalog ids or filters (it is for tools, not the dongle). A message the table cannot represent is left out and named in
    /// <see cref="CompiledDecoderTable.SkippedMessages"/>, so one odd message does not stop a whole file.
    /// </summary>
    public static CompiledDecoderTable CompileAll(DbcFile dbc)
    {
        var entries = new List<MessageEntry>();
        var skipped = new List<string>();
        foreach (var message in dbc.Messages)
        {
            var entry = new MessageEntry(message, message.Signals.Select(s => new SignalEntry(s, 0)).ToList());
            try
            {
                Validate(entry);
                entries.Add(entry);
            }
            catch (DecoderTableCompileException e)
            {
                skipped.Add(e.Message);
            }
        }
        return Write(entries, includeNames: true, planFilters: false) with { SkippedMessages = skipped };
    }

    /// <summary>
    /// The selected signals, each tagged with its catalog id. A multiplexed signal brings its message's
    /// multiplexer along (with catalog id 0 unless it is selected itself).
    /// <paramref name="alsoAccept"/> are more ids (keys, bit 31 for 29-bit) the acceptance filters must let through,
    /// e.g. <see cref="ObdResponseKeys"/> for a dongle that polls.
    /// </summary>
    public static CompiledDecoderTable Compile(DbcFile dbc, DbcSelection selection, bool includeNames = false, IReadOnlyCollection<uint>? alsoAccept = null)
    {
        var chosen = new Dictionary<DbcMessage, Dictionary<DbcSignal, int>>();
        foreach (var (path, catalogName) in selection.Signals)
        {
            int dot = path.IndexOf('.');
            if (dot <= 0 || dot == path.Length - 1)
                throw new DbcSelectionException($"'{path}' is not MESSAGE.SIGNAL");
            var message = dbc.FindMessage(path[..dot])
                ?? throw new DbcSelectionException($"{dbc.FileName} has no message {path[..dot]} (selection entry '{path}')");
            var signal = message.FindSignal(path[(dot + 1)..])
                ?? throw new DbcSelectionException($"message {message.Name} has no signal {path[(dot + 1)..]} (selection entry '{path}')");
            var info = SignalCatalog.ByName(catalogName)
                ?? throw new DbcSelectionException($"'{catalogName}' is not a catalog signal (selection entry '{path}')");
            if (info.Kind != SignalKind.Number)
                throw new DbcSelectionException($"'{catalogName}' is a text signal; CAN signals feed numbers only (selection entry '{path}')");
            if (!chosen.TryGetValue(message, out var signals))
                chosen[message] = signals = [];
            signals[signal] = info.Id;
        }
        var entries = new List<MessageEntry>();
        foreach (var (message, signals) in chosen)
        {
            if (signals.Keys.Any(s => s.MultiplexValue != null) && message.Multiplexer is { } multiplexer)
                signals.TryAdd(multiplexer, 0);
            entries.Add(new MessageEntry(message,
                message.Signals.Where(signals.ContainsKey).Select(s => new SignalEntry(s, signals[s])).ToList()));
        }
        return Write(entries, includeNames, planFilters: true, alsoAccept);
    }

    private static CompiledDecoderTable Write(List<MessageEntry> entries, bool includeNames, bool planFilters, IReadOnlyCollection<uint>? alsoAccept = null)
    {
        entries.Sort((a, b) => Key(a.Message).CompareTo(Key(b.Message)));
        foreach (var entry in entries)
            Validate(entry);
        var keys = entries.Select(e => Key(e.Message)).ToList();
        var filters = planFilters ? AcceptanceFilterPlanner.Plan(alsoAccept == null ? keys : [.. keys, .. alsoAccept]) : null;
        int signalCount = entries.Sum(e => e.Signals.Count);
        if (entries.Count > ushort.MaxValue || signalCount > ushort.MaxValue)
            throw new DecoderTableCompileException("too many messages or signals for one table");

        var bytes = new List<byte>(DecoderTableFormat.HeaderSize + signalCount * DecoderTableFormat.SignalRecordSize);
        bytes.AddRange([DecoderTableFormat.Magic0, DecoderTableFormat.Magic1, DecoderTableFormat.Magic2, DecoderTableFormat.Magic3]);
        bytes.Add(DecoderTableFormat.Version);
        bytes.Add((byte)((filters != null ? DecoderTableFormat.FlagFilters : 0) | (includeNames ? DecoderTableFormat.FlagNames : 0)));
        AddUInt16(bytes, entries.Count);
        AddUInt16(bytes, signalCount);
        AddUInt16(bytes, 0);
        foreach (uint word in filters?.ToWords() ?? [])
            AddUInt32(bytes, word);
        foreach (var entry in entries)
        {
            AddUInt32(bytes, Key(entry.Message));
            bytes.Add((byte)entry.Message.Length);
            int multiplexer = entry.Signals.FindIndex(s => s.Signal.IsMultiplexer);
            bytes.Add(multiplexer < 0 ? DecoderTableFormat.NoMultiplexer : (byte)multiplexer);
            AddUInt16(bytes, entry.Signals.Count);
        }
        foreach (var entry in entries)
        {
            foreach (var (signal, catalogId) in entry.Signals)
            {
                AddUInt16(bytes, signal.StartBit);
                bytes.Add((byte)signal.Length);
                bytes.Add((byte)((signal.IsBigEndian ? DecoderTableFormat.SignalBigEndian : 0)
                    | (signal.IsSigned ? DecoderTableFormat.SignalSigned : 0)
                    | (signal.IsMultiplexer ? DecoderTableFormat.SignalMultiplexer : 0)
                    | (signal.MultiplexValue != null ? DecoderTableFormat.SignalMultiplexed : 0)
                    | ((int)signal.ValueType << DecoderTableFormat.SignalValueTypeShift)));
                AddUInt16(bytes, catalogId);
                AddUInt16(bytes, (int)(signal.MultiplexValue ?? 0));
                AddUInt64(bytes, (ulong)BitConverter.DoubleToInt64Bits(signal.Factor));
                AddUInt64(bytes, (ulong)BitConverter.DoubleToInt64Bits(signal.Offset));
            }
        }
        if (includeNames)
        {
            foreach (var entry in entries)
                AddName(bytes, entry.Message.Name);
            foreach (var entry in entries)
            {
                foreach (var signal in entry.Signals)
                    AddName(bytes, signal.Signal.Name);
            }
        }
        var array = bytes.ToArray();
        var withChecksum = new byte[array.Length + DecoderTableFormat.ChecksumSize];
        array.CopyTo(withChecksum, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(withChecksum.AsSpan(array.Length), Crc32.Compute(array, 0, array.Length));
        return new CompiledDecoderTable(withChecksum, keys, filters, signalCount);
    }

    private static void Validate(MessageEntry entry)
    {
        var message = entry.Message;
        // SG_MUL_VAL_ over a single multiplexer restates the mN values; only nested multiplexers need more.
        if (message.Signals.Count(s => s.IsMultiplexer) > 1)
            throw new DecoderTableCompileException($"message {message.Name} has more than one multiplexer (extended multiplexing is not supported)");
        if (entry.Signals.Count > 254)
            throw new DecoderTableCompileException($"message {message.Name} has more than 254 signals");
        foreach (var (signal, _) in entry.Signals)
        {
            int first = CanBits.FirstPosition(signal.StartBit, signal.IsBigEndian);
            if (CanBits.BytesNeeded(first, signal.Length) > message.Length)
                throw new DecoderTableCompileException($"signal {message.Name}.{signal.Name} (line {signal.Line}) does not fit in the message's {message.Length} bytes");
            if (signal.MultiplexValue is < 0 or > ushort.MaxValue)
                throw new DecoderTableCompileException($"signal {message.Name}.{signal.Name} has multiplex value {signal.MultiplexValue}, above {ushort.MaxValue}");
            if (signal.MultiplexValue != null && message.Multiplexer == null)
                throw new DecoderTableCompileException($"signal {message.Name}.{signal.Name} is multiplexed but {message.Name} has no multiplexer");
        }
    }

    private static uint Key(DbcMessage message) =>
        message.IsExtended ? message.Id | DecoderTableFormat.ExtendedFlag : message.Id;

    private static void AddName(List<byte> bytes, string name)
    {
        var utf8 = Encoding.UTF8.GetBytes(name);
        if (utf8.Length > byte.MaxValue)
            throw new DecoderTableCompileException($"name '{name[..40]}…' is longer than 255 bytes");
        bytes.Add((byte)utf8.Length);
        bytes.AddRange(utf8);
    }

    private static void AddUInt16(List<byte> bytes, int value)
    {
        bytes.Add((byte)value);
        bytes.Add((byte)(value >> 8));
    }

    private static void AddUInt32(List<byte> bytes, uint value)
    {
        for (int i = 0; i < 4; i++)
            bytes.Add((byte)(value >> (8 * i)));
    }

    private static void AddUInt64(List<byte> bytes, ulong value)
    {
        for (int i = 0; i < 8; i++)
            bytes.Add((byte)(value >> (8 * i)));
    }

    private sealed record SignalEntry(DbcSignal Signal, int CatalogId);

    private sealed record MessageEntry(DbcMessage Message, List<SignalEntry> Signals);
}
