namespace Dimo.Testing;

/// <summary>
/// One PostgreSQL server per test run, shared through an xunit collection fixture; each test asks it for
/// a fresh database. Started lazily so that a run where every PostgreSQL test is skipped starts nothing.
/// </summary>
public sealed class PostgresFixture : IDisposable
{
    private readonly Lazy<PostgresServer> _server = new(PostgresServer.Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public PostgresServer Server => _server.Value;

    public string CreateDatabase(string prefix = "dimo") => Server.CreateDatabase(prefix);

    public void Dispose()
    {
        if (_server.IsValueCreated) _server.Value.Dispose();
    }
}
