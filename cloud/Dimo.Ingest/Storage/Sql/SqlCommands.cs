using System.Data.Common;

namespace Dimo.Ingest.Storage.Sql;

/// <summary>Small ADO.NET helpers shared by the SQL stores.</summary>
internal static class SqlCommands
{
    public static DbCommand Create(DbConnection connection, string sql, DbTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
            Set(command, name, value);
        return command;
    }

    /// <summary>
    /// A command to run many times with parameters added once, in the given order, so a loop sets them by position
    /// (<c>command.Parameters[i].Value</c>) instead of looking each up by name.
    /// </summary>
    public static DbCommand CreateReusable(DbConnection connection, string sql, DbTransaction transaction, IEnumerable<string> parameterNames)
    {
        var command = Create(connection, sql, transaction);
        foreach (var name in parameterNames)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>Sets a parameter's value, adding the parameter on first use so commands can be reused in a loop.</summary>
    public static void Set(DbCommand command, string name, object? value)
    {
        var parameter = command.Parameters.Contains(name) ? command.Parameters[name] : null;
        if (parameter == null)
        {
            parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
        parameter.Value = value ?? DBNull.Value;
    }

    public static async Task<int> ExecuteAsync(DbConnection connection, string sql, DbTransaction? transaction, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Create(connection, sql, transaction, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Create(connection, sql, null, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(map(reader));
        return rows;
    }

    public static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? NullableInt64(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
