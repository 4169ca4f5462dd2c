using Dimo.Core.Crypto;

namespace Dimo.Ingest.Rewards;

/// <summary>
/// The week's payouts as OpenZeppelin's <c>StandardMerkleTree</c> with leaf encoding <c>["address","uint256"]</c>, so a
/// claim contract using OpenZeppelin's <c>MerkleProof</c> accepts our proofs: a leaf is
/// keccak256(keccak256(abi.encode(recipient, amount))), leaves are sorted by hash, the tree is the complete binary tree
/// laid out in one array with the leaves at its end (last leaf first), and a node hashes its two children in sorted order.
/// </summary>
public sealed class PayoutTree
{
    private readonly byte[][] _nodes;
    private readonly Dictionary<int, int> _nodeOfPayout = [];

    /// <param name="payouts">One amount (wei) per recipient (20-byte address); at least one.</param>
    public PayoutTree(IReadOnlyList<(byte[] Recipient, UInt128 AmountWei)> payouts)
    {
        if (payouts.Count == 0)
            throw new ArgumentException("a Merkle tree needs at least one payout", nameof(payouts));
        var leaves = payouts.Select((p, i) => (Hash: LeafHash(p.Recipient, p.AmountWei), Payout: i))
            .OrderBy(l => l.Hash, ByteOrder.Instance).ToList();
        _nodes = new byte[2 * leaves.Count - 1][];
        for (var i = 0; i < leaves.Count; i++)
        {
            var node = _nodes.Length - 1 - i;
            _nodes[node] = leaves[i].Hash;
            _nodeOfPayout[leaves[i].Payout] = node;
        }
        for (var node = _nodes.Length - 1 - leaves.Count; node >= 0; node--)
            _nodes[node] = HashPair(_nodes[2 * node + 1], _nodes[2 * node + 2]);
    }

    public byte[] Root => _nodes[0];

    /// <summary>The sibling hashes from the leaf of payout <paramref name="index"/> (as given) up to the root.</summary>
    public IReadOnlyList<byte[]> ProofOf(int index)
    {
        var proof = new List<byte[]>();
        for (var node = _nodeOfPayout[index]; node > 0; node = (node - 1) / 2)
            proof.Add(_nodes[node % 2 == 1 ? node + 1 : node - 1]);
        return proof;
    }

    /// <summary>keccak256(keccak256(abi.encode(address, uint256))): hashed twice so a leaf can never pass for an inner node.</summary>
    public static byte[] LeafHash(byte[] recipient, UInt128 amountWei)
    {
        if (recipient.Length != EthAddress.Length)
            throw new ArgumentException("a recipient is a 20-byte address", nameof(recipient));
        var encoded = new byte[64];
        recipient.CopyTo(encoded, 32 - EthAddress.Length);
        for (var i = 0; i < 16; i++)
            encoded[63 - i] = (byte)(amountWei >> (8 * i));
        return Keccak256.Hash(Keccak256.Hash(encoded));
    }

    private static byte[] HashPair(byte[] a, byte[] b)
    {
        var (first, second) = ByteOrder.Instance.Compare(a, b) <= 0 ? (a, b) : (b, a);
        var both = new byte[64];
        first.CopyTo(both, 0);
        second.CopyTo(both, 32);
        return Keccak256.Hash(both);
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
