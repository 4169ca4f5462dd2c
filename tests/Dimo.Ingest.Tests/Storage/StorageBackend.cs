using Dimo.Ingest.Storage.Postgres;
using Dimo.Ingest.Storage.Sql;
using Dimo.Ingest.Storage.Sqlite;
using Dimo.Testing;

namespace Dimo.Ingest.Tests.Storage;

/// <summary>Where a storage test gets a fresh, empty database: a SQLite file in a temp dir, or a new PostgreSQL database.</summary>
public abstract class StorageBackend : IDisposable
{
    public abstract SqlDatabase CreateDatabase();

    /// <summary>A second handle on the same database, as a restarted process would open it.</summary>
    public abstract SqlDatabase Reopen();

    /// <summary>Another empty database on the same backend, apart from the suite's (e.g. to migrate an old schema).</summary>
    public abstract SqlDatabase CreateSeparateDatabase();

    public virtual void Dispose()
    {
    }
}

public sealed class SqliteBackend : StorageBackend
{
    private readonly TempDirectory _directory = new("dimo-sqlite");

    public override SqlDatabase CreateDatabase() => new SqliteDatabase(_directory.Path);

    public override SqlDatabase Reopen() => new SqliteDatabase(_directory.Path);

    public override SqlDatabase CreateSeparateDatabase() => new SqliteDatabase(System.IO.Path.Combine(_directory.Path, "separate-" + Guid.NewGuid().ToString("N")));

    public override void Dispose() => _directory.Dispose();
}

public sealed class PostgresBackend(PostgresFixture fixture) : StorageBackend
{
    private string? _connectionString;

    public override SqlDatabase CreateDatabase()
    {
        _connectionString = fixture.CreateDatabase();
        return new PostgresDatabase(_connectionString);
    }

    public override SqlDatabase Reopen() => new PostgresDatabase(_connectionString ?? throw new InvalidOperationException("no database created yet"));

    public override SqlDatabase CreateSeparateDatabase() => new PostgresDatabase(fixture.CreateDatabase());
}
