namespace Dimo.Testing;

/// <summary>
/// Marks a test class whose <see cref="ServerFactAttribute"/> tests need PostgreSQL 15. They are skipped
/// with a message when the binaries are missing, except under CI=true, where they run and fail.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresPostgresAttribute : Attribute
{
}
