namespace Dimo.Testing;

/// <summary>
/// Marks a test class whose <see cref="ServerFactAttribute"/> tests need the Mosquitto binaries (alongside other
/// servers, which <see cref="MosquittoFactAttribute"/> cannot express). Skipped when absent, except under CI=true.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresMosquittoAttribute : Attribute
{
}
