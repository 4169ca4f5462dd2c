using System.Collections.Concurrent;
using System.Data.Common;
using Dimo.Ingest.Storage.Sql;
using Microsoft.Data.Sqlite;
using SQLitePCL;

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

    /// <summary>
    /// The shared single-row upsert, prepared once and bound by position through SQLite's own API: Microsoft.Data.Sqlite
    /// binds every parameter by name (encoding the name, then a linear search in SQLite), which cost more than the
    /// upsert itself at 20 values per batch.
    /// </summary>
    public override Task UpsertLatestValuesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<(long Vehicle, SignalValue Value)> values)
    {
        var database = ((SqliteConnection)connection).Handle!;
        var rc = raw.sqlite3_prepare_v2(database, LatestValueUpserts.SingleRow, out var statement);
        SqliteException.ThrowExceptionForRC(rc, database);
        using (statement)
        {
            foreach (var (vehicle, value) in values)
            {
                raw.sqlite3_bind_int64(statement, 1, vehicle);
                raw.sqlite3_bind_int64(statement, 2, value.SignalId);
                raw.sqlite3_bind_int64(statement, 3, value.TimeMs);
                raw.sqlite3_bind_int64(statement, 4, value.Raw);
                if (value.Text == null)
                    raw.sqlite3_bind_null(statement, 5);
                else
                    raw.sqlite3_bind_text(statement, 5, value.Text);
                rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_DONE)
                    SqliteException.ThrowExceptionForRC(rc, database);
                raw.sqlite3_reset(statement);
            }
        }
        return Task.CompletedTask;
    }

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
    private static readonly ConcurrentDictionary<(string File, long Key), SemaphoreSlim> Locks = new();

    /// <summary>
    /// A lock per file and key shared by every <see cref="SqliteDatabase"/> of this process: an embedded file has one
    /// ingestor; another process on the same file (a CLI run) is kept from writing a week twice by its primary key.
    /// </summary>
    public override async Task<T> RunExclusiveAsync<T>(long key, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var gate = Locks.GetOrAdd((Path.GetFullPath(FilePath), key), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            gate.Release();
        }
    }

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
