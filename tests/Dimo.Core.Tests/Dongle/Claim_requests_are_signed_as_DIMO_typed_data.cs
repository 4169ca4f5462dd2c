using Dimo.Core.Crypto;
using Dimo.Core.Dongle;

namespace Dimo.Core.Tests.Dongle;

/// <summary>Vectors from tests/Dimo.Ingest.Tests/Registry/TypedData/eip712-vectors.json (ethers 6.9.2's signTypedData).</summary>
public class Claim_requests_are_signed_as_DIMO_typed_data
{
    private const string Owner = "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23";
    private const string DeviceKey = "8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f";

    [Theory]
    [InlineData(137, "0xFA8beC73cebB9D88FF88a2f75E7D7312f2Fd39EC", "ff0c5eed58b9cf0538f055079cec636aeaa0601a5e318a81418d1f6076682ae2",
        "24ba8918c979ec366cd7840ee644357e118a5182680e517cfbbf2fc48bed5f28522b4dbf07af1b256c00945a82058d88dcd4fc90bbcdbd1bd34bde05594f66641c")]
    [InlineData(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3", "9b0119db512715c48ebcef1ab1e4c74c952c64c8cb1ba0db829cf71f790689bf",
        "15a0132209d89dbaf15b64748842e83afa7ff6d425c34068070b6c189450d2985a0405b606ae576d087a1acf0d645cc684d3612355cc8c88aa0f4926627904261b")]
    public void The_digest_and_the_device_signature_match_ethers(long chainId, string contract, string digest, string signature)
    {
        var request = ClaimRequest.Create(1, EthAddress.Parse(Owner), chainId, EthAddress.Parse(contract));

        Assert.Equal(digest, Hex.Encode(request.Digest()));
        Assert.Equal(signature, Hex.Encode(PrivateKey.FromBytes(Hex.Decode(DeviceKey)).Sign(request.Digest())));
    }

    [Fact]
    public void The_request_file_defaults_to_DIMOs_chain_and_contract()
    {
        var request = ClaimRequest.Parse("# claim for my car\nnode = 1\nowner = " + Owner + "\n");

        Assert.Equal(1, request.DeviceNode);
        Assert.Equal(137, request.ChainId);
        Assert.Equal("ff0c5eed58b9cf0538f055079cec636aeaa0601a5e318a81418d1f6076682ae2", Hex.Encode(request.Digest()));
    }

    [Fact]
    public void The_request_file_can_name_another_chain_and_contract()
    {
        var request = ClaimRequest.Parse("node=1\nowner=" + Owner + "\nchain.id=31337\ncontract=0x5FbDB2315678afecb367f032d93F642f64180aa3\n");

        Assert.Equal("9b0119db512715c48ebcef1ab1e4c74c952c64c8cb1ba0db829cf71f790689bf", Hex.Encode(request.Digest()));
    }

    [Theory]
    [InlineData("owner=" + Owner + "\n", 0, "node is missing")]
    [InlineData("node=1\n", 0, "owner is missing")]
    [InlineData("node=0\nowner=" + Owner + "\n", 1, "node is a number from 1")]
    [InlineData("node=1\nowner=0x2c7536E3605D9C16a7a3D7b1898e529396a65c24\n", 2, "owner is an address")]
    [InlineData("node=1\nowner=" + Owner + "\nvin=1HGCM82633A004352\n", 3, "unknown setting 'vin'")]
    public void A_faulty_request_is_refused_naming_the_line(string text, int line, string message)
    {
        var error = Assert.Throws<SettingsFileException>(() => ClaimRequest.Parse(text));

        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message);
    }
}
