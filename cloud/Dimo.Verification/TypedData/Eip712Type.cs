using System.Numerics;
using System.Text;
using Dimo.Core.Crypto;

namespace Dimo.Verification.TypedData;

/// <summary>
/// An EIP-712 struct type without nested structs (all Dimo's messages are flat), and hashStruct over it:
/// keccak256(typeHash ‖ encodeData). Supported member types are the ones Dimo's messages use: uint256
/// (a non-negative <see cref="BigInteger"/> or <see cref="long"/>), address (20 bytes) and string.
/// </summary>
public sealed class Eip712Type
{
    private const int WordLength = 32;

    public Eip712Type(string name, params Eip712Field[] fields)
    {
        Name = name;
        Fields = fields;
        EncodedType = name + "(" + string.Join(",", fields.Select(f => f.Type + " " + f.Name)) + ")";
        TypeHash = Keccak256.Hash(Encoding.UTF8.GetBytes(EncodedType));
    }

    public string Name { get; }

    public IReadOnlyList<Eip712Field> Fields { get; }

    /// <summary>encodeType, e.g. <c>PairAftermarketDeviceSign(uint256 aftermarketDeviceNode,uint256 vehicleNode)</c>.</summary>
    public string EncodedType { get; }

    public byte[] TypeHash { get; }

    /// <summary>hashStruct(message) for member values given in field order.</summary>
    public byte[] HashStruct(params object[] values)
    {
        if (values.Length != Fields.Count)
            throw new ArgumentException($"{Name} has {Fields.Count} fields, got {values.Length} values");
        var data = new byte[WordLength * (1 + values.Length)];
        TypeHash.CopyTo(data, 0);
        for (var i = 0; i < values.Length; i++)
            EncodeValue(Fields[i], values[i], data.AsSpan(WordLength * (i + 1), WordLength));
        return Keccak256.Hash(data);
    }

    private static void EncodeValue(Eip712Field field, object value, Span<byte> word)
    {
        switch (field.Type)
        {
            case "uint256":
                var number = value switch
                {
                    BigInteger big => big,
                    long small => new BigInteger(small),
                    _ => throw new ArgumentException(field.Name + " must be an integer"),
                };
                if (number.Sign < 0 || number.GetByteCount(isUnsigned: true) > WordLength)
                    throw new ArgumentOutOfRangeException(field.Name, "uint256 out of range");
                number.TryWriteBytes(word[(WordLength - number.GetByteCount(isUnsigned: true))..], out _, isUnsigned: true, isBigEndian: true);
                break;
            case "address":
                if (value is not byte[] { Length: EthAddress.Length } address)
                    throw new ArgumentException(field.Name + " must be a 20-byte address");
                address.CopyTo(word[(WordLength - EthAddress.Length)..]);
                break;
            case "string":
                Keccak256.Hash(Encoding.UTF8.GetBytes((string)value)).CopyTo(word);
                break;
            default:
                throw new NotSupportedException("EIP-712 member type " + field.Type);
        }
    }
}
