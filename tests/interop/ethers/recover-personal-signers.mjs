// Reads lines "<message hex> <65-byte signature hex>" from stdin and prints, per line, the address that
// ethers recovers for an EIP-191 personal message: the check any third party can run on a Dimo batch.
import { verifyMessage, getBytes } from "ethers";
import { createInterface } from "node:readline";

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === "") continue;
  const [message, signature] = line.trim().split(/\s+/);
  console.log(verifyMessage(getBytes("0x" + message), "0x" + signature));
}
