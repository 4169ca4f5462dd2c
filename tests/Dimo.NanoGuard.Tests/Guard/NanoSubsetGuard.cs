using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Dimo.NanoGuard.Tests.Guard;

/// <summary>
/// Reads a compiled assembly's metadata and lists everything the nanoFramework 1.x runtime cannot run:
/// generics of any kind, async and iterator state machines, interface members with bodies, and any type or member reference that is
/// not in the device's API lists. References are matched by type full name, member name and signature,
/// whichever reference assembly (System.Runtime, mscorlib, ...) they name.
/// </summary>
public sealed class NanoSubsetGuard
{
    private const string AsyncStateMachineInterface = "System.Runtime.CompilerServices.IAsyncStateMachine";

    private static readonly IReadOnlyDictionary<string, string> StateMachineAttributes = new Dictionary<string, string>
    {
        ["System.Runtime.CompilerServices.AsyncStateMachineAttribute"] = "async method",
        ["System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute"] = "async iterator method",
        ["System.Runtime.CompilerServices.IteratorStateMachineAttribute"] = "iterator method (yield)",
    };

    private readonly NanoApiList _api;

    public NanoSubsetGuard(NanoApiList api)
    {
        _api = api;
    }

    public IReadOnlyList<NanoViolation> Check(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        return Check(stream);
    }

    public IReadOnlyList<NanoViolation> Check(Stream peImage)
    {
        using var pe = new PEReader(peImage, PEStreamOptions.LeaveOpen);
        var reader = pe.GetMetadataReader();
        var names = new SignatureTypeNames(reader);
        var violations = new List<NanoViolation>();

        CheckDefinitions(reader, names, violations);
        CheckTypeSpecifications(reader, names, violations);
        CheckMethodSpecifications(reader, names, violations);
        CheckTypeReferences(reader, names, violations);
        CheckMemberReferences(reader, names, violations);

        return violations.Distinct().OrderBy(v => v.Rule, StringComparer.Ordinal).ThenBy(v => v.Subject, StringComparer.Ordinal).ToList();
    }

    private static void CheckDefinitions(MetadataReader reader, SignatureTypeNames names, List<NanoViolation> violations)
    {
        foreach (var typeHandle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(typeHandle);
            var typeName = names.TypeName(typeHandle);
            if (type.GetGenericParameters().Count > 0)
            {
                violations.Add(new NanoViolation("generic type definition", typeName));
            }
            foreach (var implementation in type.GetInterfaceImplementations())
            {
                var interfaceName = names.TypeName(reader.GetInterfaceImplementation(implementation).Interface);
                if (interfaceName == AsyncStateMachineInterface)
                {
                    violations.Add(new NanoViolation("async state machine", typeName));
                }
            }
            var isInterface = (type.Attributes & TypeAttributes.Interface) != 0;
            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                var methodName = typeName + "::" + reader.GetString(method.Name);
                if (isInterface && (method.Attributes & MethodAttributes.Abstract) == 0)
                {
                    violations.Add(new NanoViolation("interface method with a body (default or static interface member)", methodName));
                }
                if (method.GetGenericParameters().Count > 0)
                {
                    violations.Add(new NanoViolation("generic method definition", methodName));
                }
                foreach (var attributeHandle in method.GetCustomAttributes())
                {
                    var attributeType = AttributeTypeName(reader, names, reader.GetCustomAttribute(attributeHandle));
                    if (attributeType != null && StateMachineAttributes.TryGetValue(attributeType, out var rule))
                    {
                        violations.Add(new NanoViolation(rule, methodName));
                    }
                }
            }
        }
    }

    private static void CheckTypeSpecifications(MetadataReader reader, SignatureTypeNames names, List<NanoViolation> violations)
    {
        for (var row = 1; row <= reader.GetTableRowCount(TableIndex.TypeSpec); row++)
        {
            var name = names.TypeName(MetadataTokens.TypeSpecificationHandle(row));
            if (name.Contains('<'))
            {
                violations.Add(new NanoViolation("generic instantiation", name));
            }
        }
    }

    private static void CheckMethodSpecifications(MetadataReader reader, SignatureTypeNames names, List<NanoViolation> violations)
    {
        for (var row = 1; row <= reader.GetTableRowCount(TableIndex.MethodSpec); row++)
        {
            var specification = reader.GetMethodSpecification(MetadataTokens.MethodSpecificationHandle(row));
            var arguments = specification.DecodeSignature(names, null);
            var method = MethodName(reader, names, specification.Method);
            violations.Add(new NanoViolation("generic method instantiation", method + "<" + string.Join(",", arguments) + ">"));
        }
    }

    private void CheckTypeReferences(MetadataReader reader, SignatureTypeNames names, List<NanoViolation> violations)
    {
        foreach (var handle in reader.TypeReferences)
        {
            var name = names.TypeName(handle);
            if (CompilerEmittedAttributes.TypeNames.Contains(name))
            {
                continue;
            }
            if (name.Contains('`'))
            {
                // Func`2 and Action`1 are in mscorlib.txt, yet the 1.x runtime crashes on any generic type.
                violations.Add(new NanoViolation("generic type", name));
            }
            else if (!_api.HasType(name))
            {
                violations.Add(new NanoViolation("type not in the nanoFramework API lists", name));
            }
        }
    }

    private void CheckMemberReferences(MetadataReader reader, SignatureTypeNames names, List<NanoViolation> violations)
    {
        foreach (var handle in reader.MemberReferences)
        {
            var member = reader.GetMemberReference(handle);
            if (member.Parent.Kind is not (HandleKind.TypeReference or HandleKind.TypeSpecification))
            {
                // Members of the assembly's own types (vararg call sites) are checked as definitions.
                continue;
            }
            var typeName = names.TypeName(member.Parent);
            if (CompilerEmittedAttributes.TypeNames.Contains(typeName) || typeName.Contains('`'))
            {
                // Generic parents are reported once, as the generic type itself.
                continue;
            }
            var name = reader.GetString(member.Name);
            if (member.GetKind() == MemberReferenceKind.Field)
            {
                var fieldType = member.DecodeFieldSignature(names, null);
                if (!_api.HasField(typeName, name, fieldType))
                {
                    violations.Add(new NanoViolation("field not in the nanoFramework API lists", fieldType + " " + typeName + "::" + name));
                }
                continue;
            }
            var signature = member.DecodeMethodSignature(names, null);
            if (signature.Header.IsGeneric)
            {
                // Reported with its instantiation (MethodSpec) as a generic method.
                continue;
            }
            var isStatic = !signature.Header.IsInstance;
            var key = NanoApiList.MemberKey(isStatic, signature.ReturnType, name, signature.ParameterTypes);
            var listed = _api.HasMethod(typeName, key)
                || (IsAccessorName(name) && _api.HasAccessor(typeName, isStatic, name, signature.ReturnType, signature.ParameterTypes));
            if (!listed)
            {
                var subject = (isStatic ? "static " : "") + signature.ReturnType + " " + typeName + "::" + name
                    + "(" + string.Join(",", signature.ParameterTypes) + ")";
                violations.Add(new NanoViolation("member not in the nanoFramework API lists", subject));
            }
        }
    }

    private static bool IsAccessorName(string name) =>
        name.StartsWith("get_", StringComparison.Ordinal) || name.StartsWith("set_", StringComparison.Ordinal);

    private static string MethodName(MetadataReader reader, SignatureTypeNames names, EntityHandle method)
    {
        if (method.Kind == HandleKind.MethodDefinition)
        {
            var definition = reader.GetMethodDefinition((MethodDefinitionHandle)method);
            return names.TypeName(definition.GetDeclaringType()) + "::" + reader.GetString(definition.Name);
        }
        var reference = reader.GetMemberReference((MemberReferenceHandle)method);
        var parent = reference.Parent.Kind == HandleKind.MethodDefinition
            ? names.TypeName(reader.GetMethodDefinition((MethodDefinitionHandle)reference.Parent).GetDeclaringType())
            : names.TypeName(reference.Parent);
        return parent + "::" + reader.GetString(reference.Name);
    }

    private static string? AttributeTypeName(MetadataReader reader, SignatureTypeNames names, CustomAttribute attribute)
    {
        var constructor = attribute.Constructor;
        return constructor.Kind switch
        {
            HandleKind.MemberReference => names.TypeName(reader.GetMemberReference((MemberReferenceHandle)constructor).Parent),
            HandleKind.MethodDefinition => names.TypeName(reader.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType()),
            _ => null,
        };
    }
}
