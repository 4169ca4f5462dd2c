using System.Data.Common;

namespace Dimo.Ingest.Storage.Sql;

/// <summary>
/// Writes a group's latest values with one multi-row upsert per <see cref="RowsPerStatement"/> values instead of one
/// statement per value (the per-statement cost dominated the commit). Not more rows than that: SQLite looks each
/// named parameter up by a linear scan, so binding costs grow with the square of the parameters per statement.
/// (Passing a group's values as one JSON array that SQLite unpacks with json_each allocated less but cost more CPU
/// per batch end to end: json_extract parses each row's text again.) An update only wins when it is newer than
/// what is stored. The caller passes the values coalesced (one per key) and in key order, so ingestors committing
/// into one PostgreSQL lock the same rows in the same order and cannot deadlock each other.
/// </summary>
internal static class LatestValueUpserts
{
    public const int RowsPerStatement = 8;

    private static readonly string[] Statements = Enumerable.Range(0, RowsPerStatement + 1).Select(Sql).ToArray();

    /// <summary>The upsert of one row; its parameters are, in order: vehicle, signal, time, raw value, text.</summary>
    public static string SingleRow => Statements[1];

    public static async Task WriteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<(long Vehicle, SignalValue Value)> values)
    {
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < values.Count; start += RowsPerStatement)
            {
                var rows = Math.Min(RowsPerStatement, values.Count - start);
                if (rows == RowsPerStatement)
                {
                    // Every full chunk reuses one command, so its statement is prepared once per group.
                    full ??= Create(connection, transaction, rows);
                    await ExecuteAsync(full, values, start, rows);
                }
                else
                {
                    await using var rest = Create(connection, transaction, rows);
                    await ExecuteAsync(rest, values, start, rows);
                }
            }
        }
        finally
        {
            if (full != null)
                await full.DisposeAsync();
        }
    }

    /// <summary>A command with its parameters in row order, five per row.</summary>
    private static DbCommand Create(DbConnection connection, DbTransaction transaction, int rows) =>
        SqlCommands.CreateReusable(connection, Statements[rows], transaction,
            Enumerable.Range(0, rows).SelectMany(row => new[] { Names.Vehicle[row], Names.Signal[row], Names.Time[row], Names.Raw[row], Names.Text[row] }));

    private static async Task ExecuteAsync(DbCommand command, IReadOnlyList<(long Vehicle, SignalValue Value)> values, int start, int rows)
    {
        var parameters = command.Parameters;
        for (var row = 0; row < rows; row++)
        {
            var (vehicle, value) = values[start + row];
            var first = row * 5;
            parameters[first].Value = vehicle;
            parameters[first + 1].Value = value.SignalId;
            parameters[first + 2].Value = value.TimeMs;
            parameters[first + 3].Value = value.Raw;
            parameters[first + 4].Value = (object?)value.Text ?? DBNull.Value;
        }
        await command.ExecuteNonQueryAsync();
    }

    private static string Sql(int rows) =>
        "INSERT INTO latest_values (vehicle_id, signal_id, time_ms, raw_value, text_value) VALUES "
        + string.Join(", ", Enumerable.Range(0, rows).Select(r => $"({Names.Vehicle[r]}, {Names.Signal[r]}, {Names.Time[r]}, {Names.Raw[r]}, {Names.Text[r]})"))
        + " ON CONFLICT (vehicle_id, signal_id) DO UPDATE SET time_ms = excluded.time_ms, raw_value = excluded.raw_value, text_value = excluded.text_value"
        + " WHERE excluded.time_ms > latest_values.time_ms";

    /// <summary>Parameter names per row, made once.</summary>
    private static class Names
    {
        public static readonly string[] Vehicle = Make("@v");
        public static readonly string[] Signal = Make("@s");
        public static readonly string[] Time = Make("@t");
        public static readonly string[] Raw = Make("@r");
        public static readonly string[] Text = Make("@x");

        private static string[] Make(string prefix) => Enumerable.Range(0, RowsPerStatement).Select(r => prefix + r).ToArray();
    }
}
