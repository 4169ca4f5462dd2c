namespace Dimo.Ingest.Storage.Sql;

/// <summary>
/// One versioned schema step. The SQL is shared by both engines; <c>{bytes}</c> and <c>{identity}</c>
/// stand for the engine's byte-string type and self-numbered primary key. <paramref name="EngineSql"/> holds the
/// few steps the engines cannot share (dropping a constraint: PostgreSQL names it, SQLite must rebuild the table),
/// by <see cref="SqlDatabase.Name"/>; they run before the shared SQL.
/// </summary>
public sealed record SchemaMigration(int Version, string Description, string Sql, IReadOnlyDictionary<string, string>? EngineSql = null)
{
    public string For(SqlDatabase database) =>
        ((EngineSql != null && EngineSql.TryGetValue(database.Name, out var own) ? own + "\n" : "") + Sql)
            .Replace("{bytes}", database.BytesType).Replace("{identity}", database.IdentityColumn);
}
