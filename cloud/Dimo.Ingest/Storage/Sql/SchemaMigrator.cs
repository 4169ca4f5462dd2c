using System.Data.Common;

namespace Dimo.Ingest.Storage.Sql;

/// <summary>
/// Brings a database to the newest schema at startup. Each step runs in its own transaction together with
/// its row in <c>schema_migrations</c>, under the engine's migration lock, so running it twice, or from two
/// processes at once, applies every step exactly once.
/// </summary>
public static class SchemaMigrator
{
    public static async Task<IReadOnlyList<int>> MigrateAsync(SqlDatabase database, IReadOnlyList<SchemaMigration> migrations, CancellationToken cancellationToken = default)
    {
        await database.RunAsync(connection => SqlCommands.ExecuteAsync(connection,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_ms BIGINT NOT NULL)",
            null, cancellationToken), cancellationToken);

        var applied = new List<int>();
        foreach (var migration in migrations.OrderBy(m => m.Version))
        {
            var ran = await database.RunInTransactionAsync(async (connection, transaction) =>
            {
                await database.LockForMigrationAsync(connection, transaction, cancellationToken);
                await using var check = SqlCommands.Create(connection, "SELECT COUNT(*) FROM schema_migrations WHERE version = @v", transaction, ("@v", migration.Version));
                if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken)) > 0)
                    return false;
                await SqlCommands.ExecuteAsync(connection, migration.For(database), transaction, cancellationToken);
                await SqlCommands.ExecuteAsync(connection, "INSERT INTO schema_migrations (version, description, applied_ms) VALUES (@v, @d, @t)", transaction, cancellationToken,
                    ("@v", migration.Version), ("@d", migration.Description), ("@t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
                return true;
            }, cancellationToken);
            if (ran) applied.Add(migration.Version);
        }
        return applied;
    }

    public static Task<List<int>> AppliedVersionsAsync(SqlDatabase database, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => SqlCommands.QueryAsync(connection, "SELECT version FROM schema_migrations ORDER BY version", r => Convert.ToInt32(r.GetValue(0)), cancellationToken), cancellationToken);
}
