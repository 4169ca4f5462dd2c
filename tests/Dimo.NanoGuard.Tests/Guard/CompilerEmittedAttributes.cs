namespace Dimo.NanoGuard.Tests.Guard;

/// <summary>
/// Attributes the C# compiler and the .NET SDK put into every assembly on their own. The nanoFramework
/// build (MetadataProcessor) strips or tolerates them, so referencing them is not a device dependency.
/// Keep this list small: anything else must be in the API lists.
/// </summary>
public static class CompilerEmittedAttributes
{
    public static readonly IReadOnlySet<string> TypeNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "System.Runtime.CompilerServices.CompilationRelaxationsAttribute",
        "System.Runtime.CompilerServices.RuntimeCompatibilityAttribute",
        "System.Runtime.CompilerServices.CompilerGeneratedAttribute",
        "System.Runtime.CompilerServices.RefSafetyRulesAttribute",
        "System.Runtime.CompilerServices.NullableAttribute",
        "System.Runtime.CompilerServices.NullableContextAttribute",
        "System.Runtime.CompilerServices.NullablePublicOnlyAttribute",
        "System.Runtime.CompilerServices.IsReadOnlyAttribute",
        "Microsoft.CodeAnalysis.EmbeddedAttribute",
        "System.Diagnostics.DebuggableAttribute",
        "System.Diagnostics.DebuggableAttribute.DebuggingModes",
        "System.Runtime.Versioning.TargetFrameworkAttribute",
        "System.Reflection.AssemblyCompanyAttribute",
        "System.Reflection.AssemblyConfigurationAttribute",
        "System.Reflection.AssemblyFileVersionAttribute",
        "System.Reflection.AssemblyInformationalVersionAttribute",
        "System.Reflection.AssemblyProductAttribute",
        "System.Reflection.AssemblyTitleAttribute",
        "System.Reflection.AssemblyVersionAttribute",
    };
}
