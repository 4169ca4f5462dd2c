// Reads lines "<private key hex> <message hex>" from stdin and prints, per line, "<address> <signature>" as an
// ethers wallet signs the message with personal_sign (EIP-191): a third-party signature the Dimo cloud must accept.
import { Wallet, getBytes } from "ethers";
import { createInterface } from "node:readline";

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === "") continue;
  const [privateKey, message] = line.trim().split(/\s+/);
  const wallet = new Wallet("0x" + privateKey.replace(/^0x/, ""));
  console.log(wallet.address + " " + (await wallet.signMessage(getBytes("0x" + message.replace(/^0x/, "")))));
}
