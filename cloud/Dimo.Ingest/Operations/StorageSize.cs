using Dimo.Ingest.Storage.Sql;
using Dimo.Ingest.Storage.Sqlite;

namespace Dimo.Ingest.Operations;

/// <summary>How big the database is: the SQLite file with its WAL, or PostgreSQL's <c>pg_database_size</c>.</summary>
public static class StorageSize
{
    public static async Task<long> MeasureAsync(SqlDatabase database, CancellationToken cancellationToken)
    {
        if (database is SqliteDatabase sqlite)
            return FileLength(sqlite.FilePath) + FileLength(sqlite.FilePath + "-wal");
        return await database.RunAsync(async connection =>
            (await SqlCommands.QueryAsync(connection, "SELECT pg_database_size(current_database())", r => Convert.ToInt64(r.GetValue(0)), cancellationToken)).Single(),
            cancellationToken);
    }

    private static long FileLength(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? file.Length : 0;
    }
}
