namespace Dimo.Testing;

/// <summary>
/// Marks a test class whose <see cref="ServerFactAttribute"/> tests run scripts from tests/interop/ethers
/// under node. Skipped with a message when node or the installed ethers package is missing, except under CI=true.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresEthersAttribute : Attribute
{
}
