namespace Dimo.Cli.Tests.Commands.Key;

/// <summary>A published key and its address (web3.js documentation's account example) and out-of-range keys.</summary>
public static class TestKeys
{
    public const string PrivateKey = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    public const string Address = "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23";

    /// <summary>The secp256k1 group order n: one past the largest valid key.</summary>
    public const string Order = "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";
}
