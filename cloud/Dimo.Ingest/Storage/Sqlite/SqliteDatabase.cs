using System.Data.Common;
using Dimo.Ingest.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Dimo.Ingest.Storage.Sqlite;

/// <summary>
/// The embedded default: one SQLite file in the data directory, in WAL mode so readers never wait for the
/// single writer. synchronous=FULL: every commit syncs the WAL before it returns, so a batch acknowledged after
/// its commit survives a power cut too (NORMAL would only survive a process crash: in WAL mode it syncs at
/// checkpoints, and a power cut could lose acknowledged batches). Group commit pays one sync per group.
/// </summary>
public sealed class SqliteDatabase : SqlDatabase
{
    public const string FileName = "dimo.db";

    private readonly string _connectionString;

    public SqliteDatabase(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        FilePath = Path.Combine(dataDirectory, FileName);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string FilePath { get; }

    public override string Name => "sqlite";

    public override string BytesType => "BLOB";

    public override string IdentityColumn => "INTEGER PRIMARY KEY";

    public override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await SqlCommands.ExecuteAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;", null, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Microsoft.Data.Sqlite begins transactions IMMEDIATE, which already serializes writers.</summary>
    public override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 19 /* CONSTRAINT */, SqliteExtendedErrorCode: 2067 /* UNIQUE */ or 1555 /* PRIMARYKEY */ };

    public override bool IsTransient(Exception exception) => exception switch
    {
        SqliteException e => e.SqliteErrorCode is 5 /* BUSY */ or 6 /* LOCKED */ or 10 /* IOERR */ or 13 /* FULL */ or 14 /* CANTOPEN */,
        IOException or UnauthorizedAccessException => true,
        _ => false,
    };

    /// <summary>Closes pooled connections so the file (and its WAL) is released.</summary>
    public override ValueTask DisposeAsync()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}
