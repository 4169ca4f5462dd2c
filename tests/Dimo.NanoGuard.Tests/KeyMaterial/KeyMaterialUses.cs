using Dimo.NanoGuard.Tests.Compile;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dimo.NanoGuard.Tests.KeyMaterial;

/// <summary>
/// Where the firmware compile touches the device key's raw bytes. The firmware compiles the core's sources into its
/// own assembly, so <c>internal</c> cannot fence <c>PrivateKey.ToBytes</c> off from firmware code; this check does,
/// on the compile's semantic model (so an alias, a <c>using static</c> or a method group is caught as well as a call).
/// </summary>
public static class KeyMaterialUses
{
    /// <summary>The one firmware file that may create and open the device key file.</summary>
    public const string KeyStore = "firmware/Dimo.Firmware/Keys/FlashKeyStore.cs";

    /// <summary>Members that yield key bytes, and the files allowed to use them (none for ToBytes).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Confined = new Dictionary<string, string[]>
    {
        ["Dimo.Core.Crypto.PrivateKey.ToBytes()"] = [],
        ["Dimo.Core.Dongle.DeviceKeyFile.Create(Dimo.Core.Crypto.IEntropy)"] = [KeyStore],
        ["Dimo.Core.Dongle.DeviceKeyFile.Open(byte[], Dimo.Core.Crypto.IHmacSha256)"] = [KeyStore],
    };

    /// <summary>Every use of a confined member: the member, the file (relative, forward slashes) and the 1-based line.</summary>
    public static IReadOnlyList<(string Member, string File, int Line)> Find(FirmwareCompilation compile)
    {
        var uses = new List<(string, string, int)>();
        foreach (var tree in compile.Compilation.SyntaxTrees)
        {
            var model = compile.Compilation.GetSemanticModel(tree);
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                var symbol = model.GetSymbolInfo(name).Symbol ?? model.GetSymbolInfo(name).CandidateSymbols.FirstOrDefault();
                if (symbol is not IMethodSymbol method)
                    continue;
                var member = method.OriginalDefinition.ToDisplayString();
                if (Confined.ContainsKey(member))
                    uses.Add((member, compile.RelativePath(tree), name.GetLocation().GetLineSpan().StartLinePosition.Line + 1));
            }
        }
        return uses;
    }

    /// <summary>The uses outside the files their member allows.</summary>
    public static IReadOnlyList<(string Member, string File, int Line)> Violations(FirmwareCompilation compile) =>
        Find(compile).Where(use => !Confined[use.Member].Contains(use.File)).ToList();
}
