using System.Numerics;
using System.Text.Json;
using Dimo.Core.Crypto;
using Dimo.Verification.TypedData;

namespace Dimo.Verification.Tests.TypedData;

/// <summary>One ethers-signed vector from eip712-vectors.json (tests/interop/ethers/eip712-vectors.mjs).</summary>
public sealed record TypedDataVector(
    Eip712Domain Domain, Eip712Type Type, object[] Values, string PrivateKey, string SignerAddress,
    string DomainSeparator, string StructHash, string Digest, string Signature)
{
    public static IReadOnlyList<TypedDataVector> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("vectors").EnumerateArray().Select(FromJson).ToList();
    }

    private static TypedDataVector FromJson(JsonElement v)
    {
        var d = v.GetProperty("domain");
        var domain = new Eip712Domain(d.GetProperty("name").GetString()!, d.GetProperty("version").GetString()!,
            new BigInteger(d.GetProperty("chainId").GetInt64()), EthAddress.Parse(d.GetProperty("verifyingContract").GetString()!));
        var type = DimoMessages.All.Single(t => t.Name == v.GetProperty("primaryType").GetString());
        var message = v.GetProperty("message");
        var values = type.Fields.Select(f =>
        {
            var text = message.GetProperty(f.Name).GetString()!;
            return f.Type switch
            {
                "uint256" => (object)BigInteger.Parse(text),
                "address" => EthAddress.Parse(text),
                _ => text,
            };
        }).ToArray();
        string S(string name) => v.GetProperty(name).GetString()!;
        return new TypedDataVector(domain, type, values, S("privateKey"), S("signerAddress"), S("domainSeparator"), S("structHash"), S("digest"), S("signature"));
    }

    public override string ToString() => Type.Name + " on chain " + Domain.ChainId;
}
