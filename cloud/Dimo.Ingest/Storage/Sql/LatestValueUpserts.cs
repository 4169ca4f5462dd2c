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
    private static readonly string[] RowTypes = ["BIGINT", "INTEGER", "BIGINT", "BIGINT", "TEXT"];

    public static async Task WriteAsync(SqlDatabase database, DbConnection connection, DbTransaction transaction,
        IReadOnlyList<(long Vehicle, SignalValue Value)> values)
    {
        if (values.Count == 0)
            return;
        var sql = "INSERT INTO latest_values (vehicle_id, signal_id, time_ms, raw_value, text_value) "
                  + database.JsonArrayRows("@rows", RowTypes)
                  + " ON CONFLICT (vehicle_id, signal_id) DO UPDATE SET time_ms = excluded.time_ms, raw_value = excluded.raw_value, text_value = excluded.text_value"
                  + " WHERE excluded.time_ms > latest_values.time_ms";
        await SqlCommands.ExecuteAsync(connection, sql, transaction, CancellationToken.None, ("@rows", ToJson(values)));
    }

    /// <summary>[[vehicle, signal, time, raw, text or null], …]</summary>
    private static string ToJson(IReadOnlyList<(long Vehicle, SignalValue Value)> values)
    {
        var buffer = new ArrayBufferWriter<byte>(values.Count * 48);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var (vehicle, value) in values)
            {
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
