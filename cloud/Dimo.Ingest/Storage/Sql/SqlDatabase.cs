using System.Data.Common;

namespace Dimo.Ingest.Storage.Sql;

/// <summary>
/// One database engine as the stores see it: how to open a connection, the few words of DDL that differ,
/// how to serialize schema migrations, and which failures are transient. Everything else (queries, grouped
/// commits, migrations) is shared SQL that runs unchanged on SQLite and PostgreSQL.
/// </summary>
public abstract class SqlDatabase : IAsyncDisposable
{
    /// <summary>Engine name for logs and stats ("sqlite", "postgres").</summary>
    public abstract string Name { get; }

    /// <summary>Column type for byte strings.</summary>
    public abstract string BytesType { get; }

    /// <summary>A 64-bit integer primary key the database numbers itself.</summary>
    public abstract string IdentityColumn { get; }

    /// <summary>
    /// Writes a group commit's latest values (coalesced, in key order) inside <paramref name="transaction"/>. The
    /// shared SQL (<see cref="LatestValueUpserts"/>) serves every engine; an engine may bind them faster itself.
    /// </summary>
    public virtual Task UpsertLatestValuesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<(long Vehicle, SignalValue Value)> values) =>
        LatestValueUpserts.WriteAsync(connection, transaction, values);

    public abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Makes concurrent migrators wait for each other inside <paramref name="transaction"/>.</summary>
    public abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>True when the failure says the database is (perhaps briefly) unreachable or busy.</summary>
    public abstract bool IsTransient(Exception exception);

    /// <summary>True when the failure is a UNIQUE or PRIMARY KEY constraint violation.</summary>
    public abstract bool IsUniqueViolation(Exception exception);

    /// <summary>Runs <paramref name="work"/> on an open connection, mapping transient failures to <see cref="StorageUnavailableException"/>.</summary>
    public async Task<T> RunAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            return await work(connection);
        }
        catch (Exception e) when (e is not StorageUnavailableException && IsTransient(e))
        {
            throw new StorageUnavailableException(Name + " unavailable: " + e.Message, e);
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction and commits it.</summary>
    public Task<T> RunInTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        RunAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> holding a lock named by <paramref name="key"/> that every other user of the same
    /// database respects (other processes too, where the engine can).
    /// </summary>
    public abstract Task<T> RunExclusiveAsync<T>(long key, Func<Task<T>> work, CancellationToken cancellationToken);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
