// Builds OpenZeppelin's StandardMerkleTree over ["address","uint256"] leaves read from stdin as JSON
// ([["0x…","123"], …]) and prints {"root", "proofs": [[…] per input leaf, in input order]}.
// Usage: echo '[["0x…","1"]]' | node merkle-tree.mjs
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const leaves = JSON.parse(input);
const tree = StandardMerkleTree.of(leaves, ["address", "uint256"]);
const proofs = leaves.map((_, i) => tree.getProof(i));
console.log(JSON.stringify({ root: tree.root, proofs }));
