using System.Text.Json;
using Dimo.Core.Crypto;
using Dimo.Ingest.Rewards;
using Dimo.Testing;

namespace Dimo.Ingest.Tests.Rewards;

/// <summary>Our payout tree gives the root and proofs of @openzeppelin/merkle-tree's StandardMerkleTree for the same leaves.</summary>
[RequiresEthers]
public sealed class Payout_tree_matches_openzeppelin
{
    private static (byte[] Recipient, UInt128 AmountWei) Payout(int seed)
    {
        var random = new Random(seed);
        var address = new byte[20];
        random.NextBytes(address);
        // Amounts beyond 64 bits, as weekly pools are.
        var amount = ((UInt128)(ulong)random.NextInt64() << 40) + (ulong)random.Next();
        return (address, amount);
    }

    [ServerFact]
    public void Root_and_every_proof_equal_openzeppelin_s_for_one_to_a_hundred_and_one_payouts()
    {
        foreach (var count in new[] { 1, 2, 3, 7, 64, 101 })
            AssertMatchesOpenZeppelin(count);
    }

    private static void AssertMatchesOpenZeppelin(int count)
    {
        var payouts = Enumerable.Range(count * 1000, count).Select(Payout).ToList();
        var leaves = JsonSerializer.Serialize(payouts.Select(p => new[] { EthAddress.ToChecksumString(p.Recipient), p.AmountWei.ToString() }));

        using var expected = JsonDocument.Parse(EthersInterop.RunScript("merkle-tree.mjs", TimeSpan.FromSeconds(60), leaves));

        var tree = new PayoutTree(payouts);
        Assert.Equal(expected.RootElement.GetProperty("root").GetString(), "0x" + Hex.Encode(tree.Root));
        var proofs = expected.RootElement.GetProperty("proofs").EnumerateArray().ToList();
        for (var i = 0; i < count; i++)
            Assert.Equal(proofs[i].EnumerateArray().Select(p => p.GetString()), tree.ProofOf(i).Select(p => "0x" + Hex.Encode(p)));
    }

    [Fact]
    public void A_proof_leads_from_its_leaf_to_the_root()
    {
        var payouts = Enumerable.Range(0, 5).Select(Payout).ToList();
        var tree = new PayoutTree(payouts);
        for (var i = 0; i < payouts.Count; i++)
        {
            var hash = PayoutTree.LeafHash(payouts[i].Recipient, payouts[i].AmountWei);
            foreach (var sibling in tree.ProofOf(i))
            {
                var (a, b) = hash.AsSpan().SequenceCompareTo(sibling) <= 0 ? (hash, sibling) : (sibling, hash);
                hash = Keccak256.Hash([.. a, .. b]);
            }
            Assert.Equal(tree.Root, hash);
        }
    }
}
