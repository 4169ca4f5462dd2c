namespace Dimo.NanoGuard.Tests.Guard;

/// <summary>One thing in a compiled assembly that the nanoFramework 1.x runtime cannot run.</summary>
/// <param name="Rule">Which rule it breaks, e.g. "member not in the nanoFramework API lists".</param>
/// <param name="Subject">The offending type or member, e.g. "static System.Boolean System.String::op_Equality(System.String,System.String)".</param>
public sealed record NanoViolation(string Rule, string Subject)
{
    public override string ToString() => Rule + ": " + Subject;
}
