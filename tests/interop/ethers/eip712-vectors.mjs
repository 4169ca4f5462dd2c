// Prints EIP-712 test vectors for Dimo's registry messages, signed by ethers (a standard wallet library).
// Keys are fixed test keys, so the output is deterministic (RFC 6979 signatures).
// Usage: node eip712-vectors.mjs > ../../Dimo.Verification.Tests/TypedData/eip712-vectors.json
import { Wallet, TypedDataEncoder } from "ethers";

const keys = {
  owner: "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318",
  device: "0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f",
  manufacturer: "0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
};

const types = {
  MintAftermarketDeviceSign: [
    { name: "aftermarketDeviceAddress", type: "address" },
    { name: "manufacturer", type: "address" },
  ],
  MintVehicleSign: [
    { name: "vin", type: "string" },
    { name: "owner", type: "address" },
  ],
  RevokeAftermarketDeviceSign: [{ name: "aftermarketDeviceNode", type: "uint256" }],
  ClaimAftermarketDeviceSign: [
    { name: "aftermarketDeviceNode", type: "uint256" },
    { name: "owner", type: "address" },
  ],
  PairAftermarketDeviceSign: [
    { name: "aftermarketDeviceNode", type: "uint256" },
    { name: "vehicleNode", type: "uint256" },
  ],
  UnPairAftermarketDeviceSign: [
    { name: "aftermarketDeviceNode", type: "uint256" },
    { name: "vehicleNode", type: "uint256" },
  ],
  SetPermissionsSign: [
    { name: "vehicleNode", type: "uint256" },
    { name: "grantee", type: "address" },
    { name: "permissions", type: "uint256" },
    { name: "expiration", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "source", type: "string" },
  ],
  TransferVehicleSign: [
    { name: "vehicleNode", type: "uint256" },
    { name: "newOwner", type: "address" },
    { name: "transferNonce", type: "uint256" },
  ],
  SetAftermarketDeviceTypeSign: [
    { name: "aftermarketDeviceNode", type: "uint256" },
    { name: "deviceType", type: "string" },
  ],
  SetAftermarketDeviceBeneficiarySign: [
    { name: "aftermarketDeviceNode", type: "uint256" },
    { name: "beneficiary", type: "address" },
  ],
  SetVehicleStakeSign: [
    { name: "vehicleNode", type: "uint256" },
    { name: "points", type: "uint256" },
    { name: "endsAt", type: "uint256" },
  ],
};

const domains = [
  { name: "DIMO", version: "1", chainId: 137, verifyingContract: "0xFA8beC73cebB9D88FF88a2f75E7D7312f2Fd39EC" },
  { name: "DIMO", version: "1", chainId: 31337, verifyingContract: "0x5FbDB2315678afecb367f032d93F642f64180aa3" },
];

const wallets = Object.fromEntries(Object.entries(keys).map(([role, key]) => [role, new Wallet(key)]));

function cases() {
  const owner = wallets.owner.address;
  const device = wallets.device.address;
  return [
    ["MintAftermarketDeviceSign", { aftermarketDeviceAddress: device, manufacturer: wallets.manufacturer.address }, "manufacturer"],
    ["MintVehicleSign", { vin: "1HGCM82633A004352", owner }, "owner"],
    ["RevokeAftermarketDeviceSign", { aftermarketDeviceNode: "1" }, "manufacturer"],
    ["ClaimAftermarketDeviceSign", { aftermarketDeviceNode: "1", owner }, "owner"],
    ["ClaimAftermarketDeviceSign", { aftermarketDeviceNode: "1", owner }, "device"],
    ["PairAftermarketDeviceSign", { aftermarketDeviceNode: "1", vehicleNode: "42" }, "owner"],
    ["PairAftermarketDeviceSign", { aftermarketDeviceNode: "115792089237316195423570985008687907853269984665640564039457584007913129639935", vehicleNode: "0" }, "device"],
    ["UnPairAftermarketDeviceSign", { aftermarketDeviceNode: "7", vehicleNode: "42" }, "owner"],
    ["SetPermissionsSign", { vehicleNode: "42", grantee: device, permissions: "262140", expiration: "1893456000", nonce: "7", source: "https://example.org/terms" }, "owner"],
    ["TransferVehicleSign", { vehicleNode: "42", newOwner: device, transferNonce: "0" }, "owner"],
    ["SetAftermarketDeviceTypeSign", { aftermarketDeviceNode: "1", deviceType: "dimo-esp32" }, "manufacturer"],
    ["SetAftermarketDeviceBeneficiarySign", { aftermarketDeviceNode: "1", beneficiary: device }, "owner"],
    ["SetVehicleStakeSign", { vehicleNode: "42", points: "1000", endsAt: "1893456000" }, "owner"],
  ];
}

const vectors = [];
for (const domain of domains) {
  for (const [primaryType, message, signer] of cases()) {
    const typesFor = { [primaryType]: types[primaryType] };
    const wallet = wallets[signer];
    vectors.push({
      domain,
      primaryType,
      message,
      signerRole: signer,
      privateKey: keys[signer],
      signerAddress: wallet.address,
      domainSeparator: TypedDataEncoder.hashDomain(domain),
      structHash: TypedDataEncoder.hashStruct(primaryType, typesFor, message),
      digest: TypedDataEncoder.hash(domain, typesFor, message),
      signature: await wallet.signTypedData(domain, typesFor, message),
    });
  }
}
console.log(JSON.stringify({ generator: "ethers " + (await import("ethers")).version, vectors }, null, 2));
