using System.Numerics;

namespace Dimo.Verification.TypedData;

/// <summary>
/// The domain every signed message is bound to:
/// <c>EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)</c>.
/// </summary>
public sealed class Eip712Domain
{
    public static readonly Eip712Type Type = new("EIP712Domain",
        new("string", "name"), new("string", "version"), new("uint256", "chainId"), new("address", "verifyingContract"));

    public Eip712Domain(string name, string version, BigInteger chainId, byte[] verifyingContract)
    {
        Name = name;
        Version = version;
        ChainId = chainId;
        VerifyingContract = verifyingContract;
        Separator = Type.HashStruct(name, version, chainId, verifyingContract);
    }

    public string Name { get; }

    public string Version { get; }

    public BigInteger ChainId { get; }

    public byte[] VerifyingContract { get; }

    /// <summary>domainSeparator = hashStruct(domain).</summary>
    public byte[] Separator { get; }

    /// <summary>The hash a wallet signs: keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ hashStruct(message)).</summary>
    public byte[] Digest(byte[] structHash)
    {
        var data = new byte[2 + 32 + 32];
        data[0] = 0x19;
        data[1] = 0x01;
        Separator.CopyTo(data, 2);
        structHash.CopyTo(data, 34);
        return Dimo.Core.Crypto.Keccak256.Hash(data);
    }
}
