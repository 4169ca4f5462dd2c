using Xunit;
using Xunit.Sdk;

namespace Dimo.Testing;

/// <summary>
/// A fact that xunit skips when its test class needs a server this machine does not have (see
/// <see cref="RequiresPostgresAttribute"/>). It lets one abstract suite serve backends with and without
/// a server: the decision is made per concrete class at discovery time.
/// </summary>
[XunitTestCaseDiscoverer("Dimo.Testing.ServerFactDiscoverer", "Dimo.Testing")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ServerFactAttribute : FactAttribute
{
}
