using System.Buffers;
using System.Data.Common;
using System.Text;
using System.Text.Json;

namespace Dimo.Ingest.Storage.Sql;

/// <summary>
/// Writes a group's latest values with one statement whose only parameter is a JSON array of rows, which the
/// engine unpacks itself (<see cref="SqlDatabase.JsonArrayRows"/>). Binding parameters one by one dominated the
/// commit: a reference batch has 20 signals, so 100 parameters per batch, each looked up by name. An update only
/// wins when it is newer than what is stored. The caller passes the values coalesced (one per key) and in key
/// order, so ingestors committing into one PostgreSQL lock the same rows in the same order and cannot deadlock
/// each other.
/// </summary>
internal static class LatestValueUpserts
{
    /// <summary>
    /// Rows per statement: enough to make the statement's own cost vanish, few enough that the JSON text (about 45
    /// bytes a row, twice that as a .NET string) stays below the large object heap, whose allocations force full
    /// garbage collections.
    /// </summary>
    public const int RowsPerStatement = 512;

    private static readonly string[] RowTypes = ["BIGINT", "INTEGER", "BIGINT", "BIGINT", "TEXT"];

    public static async Task WriteAsync(SqlDatabase database, DbConnection connection, DbTransaction transaction,
        IReadOnlyList<(long Vehicle, SignalValue Value)> values)
    {
        var sql = "INSERT INTO latest_values (vehicle_id, signal_id, time_ms, raw_value, text_value) "
                  + database.JsonArrayRows("@rows", RowTypes)
                  + " ON CONFLICT (vehicle_id, signal_id) DO UPDATE SET time_ms = excluded.time_ms, raw_value = excluded.raw_value, text_value = excluded.text_value"
                  + " WHERE excluded.time_ms > latest_values.time_ms";
        var buffer = new ArrayBufferWriter<byte>(RowsPerStatement * 48);
        for (var start = 0; start < values.Count; start += RowsPerStatement)
        {
            buffer.ResetWrittenCount();
            var rows = ToJson(values, start, Math.Min(RowsPerStatement, values.Count - start), buffer);
            await SqlCommands.ExecuteAsync(connection, sql, transaction, CancellationToken.None, ("@rows", rows));
        }
    }

    /// <summary>[[vehicle, signal, time, raw, text or null], …]</summary>
    private static string ToJson(IReadOnlyList<(long Vehicle, SignalValue Value)> values, int start, int count, ArrayBufferWriter<byte> buffer)
    {
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            for (var i = start; i < start + count; i++)
            {
                var (vehicle, value) = values[i];
                json.WriteStartArray();
                json.WriteNumberValue(vehicle);
                json.WriteNumberValue(value.SignalId);
                json.WriteNumberValue(value.TimeMs);
                json.WriteNumberValue(value.Raw);
                if (value.Text == null)
                    json.WriteNullValue();
                else
                    json.WriteStringValue(value.Text);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
