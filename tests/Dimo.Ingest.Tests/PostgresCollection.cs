using Dimo.Testing;

namespace Dimo.Ingest.Tests;

/// <summary>Every PostgreSQL test class joins this collection, so the run starts one server and shares it.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
