using System.Text.Json;
using System.Text.Json.Nodes;
using Dimo.Core.Crypto;
using Dimo.Verification.Tests.TypedData;
using Dimo.Verification.TypedData;
using Nethereum.ABI.EIP712;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;

namespace Dimo.Verification.Tests.Nethereum;

/// <summary>
/// The committed EIP-712 vectors (signed by ethers, tests/interop/ethers/eip712-vectors.mjs) checked against
/// Nethereum.Signer.EIP712, a second reference: it computes the digest we and ethers compute, recovers the
/// ethers signer, and signs the same bytes. Nethereum reads the messages as a wallet's eth_signTypedData_v4 JSON,
/// with the types written from our <see cref="Eip712Type"/> definitions.
/// </summary>
public sealed class NethereumTypedDataTests
{
    private static readonly Eip712TypedDataSigner Signer = new();

    [Fact]
    public void Nethereum_hashes_recovers_and_signs_every_committed_vector_as_we_and_ethers_do()
    {
        var raw = RawVectors();
        var vectors = TypedDataVector.Parse(File.ReadAllText(VectorsPath));
        Assert.Equal(26, vectors.Count);
        Assert.Equal(vectors.Count, raw.Count);
        for (var i = 0; i < vectors.Count; i++)
        {
            var vector = vectors[i];
            var json = WalletJson(raw[i], vector.Type);
            var ourDigest = "0x" + Hex.Encode(vector.Domain.Digest(vector.Type.HashStruct(vector.Values)));

            var theirDigest = "0x" + Hex.Encode(Eip712TypedDataEncoder.Current.EncodeAndHashTypedData(json));

            Assert.Equal(vector.Digest, ourDigest);
            Assert.Equal(vector.Digest, theirDigest);
            Assert.Equal(vector.SignerAddress, Signer.RecoverFromSignatureV4(json, vector.Signature));
            Assert.Equal(vector.Signature, Signer.SignTypedDataV4(json, new EthECKey(vector.PrivateKey)));
        }
    }

    private static string VectorsPath => Path.Combine(AppContext.BaseDirectory, "TypedData", "eip712-vectors.json");

    private static List<JsonObject> RawVectors() =>
        JsonNode.Parse(File.ReadAllText(VectorsPath))!["vectors"]!.AsArray().Select(v => v!.AsObject()).ToList();

    /// <summary>eth_signTypedData_v4 JSON: types from our definitions, domain and message as in the vector (uint256 as JSON numbers).</summary>
    private static string WalletJson(JsonObject vector, Eip712Type type)
    {
        var message = new JsonObject();
        foreach (var field in type.Fields)
        {
            var text = vector["message"]![field.Name]!.GetValue<string>();
            message[field.Name] = field.Type == "uint256" ? JsonNode.Parse(text) : JsonValue.Create(text);
        }
        var json = new JsonObject
        {
            ["types"] = new JsonObject
            {
                [Eip712Domain.Type.Name] = Members(Eip712Domain.Type),
                [type.Name] = Members(type),
            },
            ["primaryType"] = type.Name,
            ["domain"] = vector["domain"]!.DeepClone(),
            ["message"] = message,
        };
        return json.ToJsonString();
    }

    private static JsonArray Members(Eip712Type type) =>
        new(type.Fields.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["type"] = f.Type }).ToArray());
}
