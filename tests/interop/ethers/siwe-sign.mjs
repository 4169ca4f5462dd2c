// Writes and signs Sign-In with Ethereum (EIP-4361) messages the way a wallet app does: the message text comes from
// the `siwe` package, the personal_sign signature from ethers. Reads one JSON object per line on stdin:
// {"privateKey","domain","uri","chainId","nonce","issuedAt","expirationTime"?,"statement"?}
// and prints one line {"message","signature","address"} per input line.
import { Wallet } from "ethers";
import { SiweMessage } from "siwe";
import { createInterface } from "node:readline";

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === "") continue;
  const request = JSON.parse(line);
  const wallet = new Wallet(request.privateKey);
  const message = new SiweMessage({
    domain: request.domain,
    address: wallet.address,
    statement: request.statement,
    uri: request.uri,
    version: "1",
    chainId: request.chainId,
    nonce: request.nonce,
    issuedAt: request.issuedAt,
    expirationTime: request.expirationTime,
  }).prepareMessage();
  console.log(JSON.stringify({ message, signature: await wallet.signMessage(message), address: wallet.address }));
}
