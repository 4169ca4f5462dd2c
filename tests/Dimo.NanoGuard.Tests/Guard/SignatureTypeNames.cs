using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace Dimo.NanoGuard.Tests.Guard;

/// <summary>
/// Names the types in metadata signatures the way the nanoFramework API lists write them
/// ("System.Int32", "System.Byte[]", "System.Int32&amp;" for ref, nested types joined by a dot),
/// with generic instantiations shown as "System.Span`1&lt;System.Byte&gt;".
/// </summary>
public sealed class SignatureTypeNames : ISignatureTypeProvider<string, object?>
{
    private readonly MetadataReader _reader;

    public SignatureTypeNames(MetadataReader reader)
    {
        _reader = reader;
    }

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => "System." + typeCode switch
    {
        PrimitiveTypeCode.IntPtr => "IntPtr",
        PrimitiveTypeCode.UIntPtr => "UIntPtr",
        _ => typeCode.ToString(),
    };

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => TypeName(handle);

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => TypeName(handle);

    public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";

    public string GetByReferenceType(string elementType) => elementType + "&";

    public string GetPointerType(string elementType) => elementType + "*";

    public string GetPinnedType(string elementType) => elementType;

    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) =>
        genericType + "<" + string.Join(",", typeArguments) + ">";

    public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;

    public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;

    public string GetFunctionPointerType(MethodSignature<string> signature) => "method*";

    public string TypeName(TypeReferenceHandle handle)
    {
        var type = _reader.GetTypeReference(handle);
        var name = _reader.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return TypeName((TypeReferenceHandle)type.ResolutionScope) + "." + name;
        }
        var ns = _reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    public string TypeName(TypeDefinitionHandle handle)
    {
        var type = _reader.GetTypeDefinition(handle);
        var name = _reader.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
        {
            return TypeName(declaring) + "." + name;
        }
        var ns = _reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>The type named by a TypeDef, TypeRef or TypeSpec handle.</summary>
    public string TypeName(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeDefinition => TypeName((TypeDefinitionHandle)handle),
        HandleKind.TypeReference => TypeName((TypeReferenceHandle)handle),
        HandleKind.TypeSpecification => GetTypeFromSpecification(_reader, null, (TypeSpecificationHandle)handle, 0),
        _ => throw new BadImageFormatException($"Not a type handle: {handle.Kind}"),
    };
}
