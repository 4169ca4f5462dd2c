using System.Text.Json;
using Dimo.Core.Crypto;

namespace Dimo.Cli.Tests.Commands.Key;

public class Key_new_and_key_address_agree
{
    [Fact]
    public void Key_new_prints_a_fresh_key_whose_checksummed_address_key_address_repeats()
    {
        var first = DimoCli.Run("key", "new");
        var second = DimoCli.Run("key", "new");

        Assert.Equal(0, first.Exit);
        Assert.Equal("", first.Errors);
        using var json = JsonDocument.Parse(first.Output);
        var privateKey = json.RootElement.GetProperty("privateKey").GetString()!;
        var address = json.RootElement.GetProperty("address").GetString()!;
        Assert.Equal(2, json.RootElement.EnumerateObject().Count());
        Assert.Matches("^0x[0-9a-f]{64}$", privateKey);
        Assert.Equal(PrivateKey.FromBytes(Hex.Decode(privateKey)).ChecksumAddress, address);
        Assert.Equal(EthAddress.ToChecksumString(EthAddress.Parse(address)), address);
        Assert.NotEqual(first.Output, second.Output);

        var shown = DimoCli.Run("key", "address", "--private-key", privateKey);
        Assert.Equal(0, shown.Exit);
        Assert.Equal(address, shown.Line);
    }

    [Fact]
    public void Key_address_prints_the_published_address_of_a_known_key()
    {
        var run = DimoCli.Run("key", "address", "--private-key", TestKeys.PrivateKey);

        Assert.Equal(0, run.Exit);
        Assert.Equal(TestKeys.Address, run.Line);
    }
}
