namespace Dimo.Ingest.Storage.Sql;

/// <summary>
/// One versioned schema step. The SQL is shared by both engines; <c>{bytes}</c> and <c>{identity}</c>
/// stand for the engine's byte-string type and self-numbered primary key.
/// </summary>
public sealed record SchemaMigration(int Version, string Description, string Sql)
{
    public string For(SqlDatabase database) =>
        Sql.Replace("{bytes}", database.BytesType).Replace("{identity}", database.IdentityColumn);
}
