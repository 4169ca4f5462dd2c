using System.Globalization;
using System.Text.Json;
using Dimo.Core.Signals;
using Dimo.Core.Wire;

namespace Dimo.Cli.Batches;

/// <summary>
/// Readings as JSON, the shape <c>dimo batch sign</c> reads and <c>dimo batch inspect</c> prints: an array of
/// <c>{"timestamp":&lt;unix ms&gt;,"name":"&lt;catalog name&gt;","value":&lt;number, or string for text signals&gt;}</c>.
/// </summary>
public static class ReadingsJson
{
    private const string Timestamp = "timestamp";
    private const string Name = "name";
    private const string Value = "value";

    /// <summary>Parses the array; a <see cref="CliException"/> names the first offending element by index.</summary>
    public static Reading[] Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new CliException("readings are not JSON: " + e.Message);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                throw new CliException("readings must be a JSON array of {\"timestamp\",\"name\",\"value\"} objects");
            var readings = new Reading[document.RootElement.GetArrayLength()];
            var firstAt = new Dictionary<(ushort SignalId, long Time), int>();
            int index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var reading = ParseReading(element, index);
                if (!firstAt.TryAdd((reading.SignalId, reading.Time), index))
                    throw Invalid(index, $"a second reading of {SignalCatalog.ById(reading.SignalId).Name} at {reading.Time} "
                        + $"(the first is readings[{firstAt[(reading.SignalId, reading.Time)]}])");
                readings[index++] = reading;
            }
            return readings;
        }
    }

    /// <summary>Writes the readings as the array <see cref="Parse"/> reads; numbers in their shortest round-trip form.</summary>
    public static void Write(Utf8JsonWriter writer, Reading[] readings)
    {
        writer.WriteStartArray();
        foreach (var reading in readings)
        {
            var signal = SignalCatalog.ById(reading.SignalId);
            writer.WriteStartObject();
            writer.WriteNumber(Timestamp, reading.Time);
            writer.WriteString(Name, signal.Name);
            writer.WritePropertyName(Value);
            if (signal.Kind == SignalKind.Text)
                writer.WriteStringValue(reading.Text);
            else
                writer.WriteRawValue(reading.Value.ToString("R", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static Reading ParseReading(JsonElement element, int index)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw Invalid(index, "not an object");
        if (!element.TryGetProperty(Timestamp, out var timestamp) || timestamp.ValueKind != JsonValueKind.Number
            || !timestamp.TryGetInt64(out long time) || time < 0 || time > WireFormat.MaxTime)
            throw Invalid(index, $"\"{Timestamp}\" must be an integer of unix milliseconds in 0..2^53-1");
        if (!element.TryGetProperty(Name, out var name) || name.ValueKind != JsonValueKind.String)
            throw Invalid(index, $"\"{Name}\" must be a signal name");
        var signal = SignalCatalog.ByName(name.GetString())
            ?? throw Invalid(index, $"unknown signal \"{name.GetString()}\"");
        if (!element.TryGetProperty(Value, out var value))
            throw Invalid(index, $"no \"{Value}\"");
        if (signal.Kind == SignalKind.Text)
        {
            if (value.ValueKind != JsonValueKind.String)
                throw Invalid(index, $"{signal.Name} is a text signal: \"{Value}\" must be a string");
            return new Reading(signal.Id, time, value.GetString()!);
        }
        if (value.ValueKind != JsonValueKind.Number || !double.IsFinite(value.GetDouble()))
            throw Invalid(index, $"{signal.Name} is a number signal: \"{Value}\" must be a finite number");
        return new Reading(signal.Id, time, value.GetDouble());
    }

    private static CliException Invalid(int index, string reason) => new($"readings[{index}]: {reason}");
}
