using Dimo.Core.Crypto;

namespace Dimo.Core.Dongle
{
    /// <summary>
    /// An owner's claim that the dongle co-signs. DIMO's registry accepts a claim only with the device's signature
    /// of <c>ClaimAftermarketDeviceSign(uint256 aftermarketDeviceNode,address owner)</c> (EIP-712, domain "DIMO",
    /// version "1", the registry's chain id and contract), and the device key never leaves the dongle, so the owner
    /// puts the request on the device (<c>I:\dimo-claim.conf</c>, <see cref="SettingsFile"/> format: <c>node</c>,
    /// <c>owner</c>, and <c>chain.id</c> / <c>contract</c> when the ingestor does not use DIMO's defaults) and reads
    /// the signature from the console. The dongle hashes the typed claim itself: it never signs a hash it is handed,
    /// so the request cannot make it sign anything but a claim of itself by that owner.
    /// </summary>
    public sealed class ClaimRequest
    {
        /// <summary>Polygon, as DIMO's registry and our ingestor's default.</summary>
        public const long DefaultChainId = 137;

        /// <summary>DIMO's registry contract, our ingestor's default verifying contract.</summary>
        public const string DefaultContract = "0xFA8beC73cebB9D88FF88a2f75E7D7312f2Fd39EC";

        private static readonly byte[] DomainTypeHash = Keccak256.Hash(Ascii("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"));
        private static readonly byte[] ClaimTypeHash = Keccak256.Hash(Ascii("ClaimAftermarketDeviceSign(uint256 aftermarketDeviceNode,address owner)"));

        private ClaimRequest(long deviceNode, byte[] owner, long chainId, byte[] contract)
        {
            DeviceNode = deviceNode;
            Owner = owner;
            ChainId = chainId;
            VerifyingContract = contract;
        }

        public long DeviceNode { get; private set; }
        public byte[] Owner { get; private set; }
        public long ChainId { get; private set; }
        public byte[] VerifyingContract { get; private set; }

        public static ClaimRequest Create(long deviceNode, byte[] owner, long chainId, byte[] contract)
        {
            if (owner == null || contract == null)
            {
                throw new System.ArgumentNullException(owner == null ? "owner" : "contract");
            }
            if (deviceNode < 1 || chainId < 1 || owner.Length != EthAddress.Length || contract.Length != EthAddress.Length)
            {
                throw new System.ArgumentException("a claim needs a device node and chain id of at least 1 and two 20-byte addresses");
            }
            return new ClaimRequest(deviceNode, owner, chainId, contract);
        }

        /// <summary>Reads the request file; <see cref="SettingsFileException"/> names the line and what to fix.</summary>
        public static ClaimRequest Parse(string text)
        {
            SettingsFile file = SettingsFile.Parse(text);
            long node = 0;
            long chainId = DefaultChainId;
            byte[] owner = null;
            byte[] contract = EthAddress.Parse(DefaultContract);
            for (int i = 0; i < file.Count; i++)
            {
                string name = file.Name(i);
                if (string.Equals(name, "node"))
                {
                    node = file.Number(i, 1, long.MaxValue / 10);
                }
                else if (string.Equals(name, "chain.id"))
                {
                    chainId = file.Number(i, 1, long.MaxValue / 10);
                }
                else if (string.Equals(name, "owner") || string.Equals(name, "contract"))
                {
                    byte[] address = file.Address(i);
                    if (string.Equals(name, "owner"))
                    {
                        owner = address;
                    }
                    else
                    {
                        contract = address;
                    }
                }
                else
                {
                    throw new SettingsFileException(file.Line(i), "unknown setting '" + name + "' (known: node, owner, chain.id, contract)");
                }
            }
            if (node == 0)
            {
                throw new SettingsFileException(0, "node is missing: add node=<the device's node number from minting>");
            }
            if (owner == null)
            {
                throw new SettingsFileException(0, "owner is missing: add owner=<the claiming wallet's address>");
            }
            return new ClaimRequest(node, owner, chainId, contract);
        }

        /// <summary>keccak256(0x19 0x01 || domain separator || hashStruct(claim)), the hash the device signs.</summary>
        public byte[] Digest()
        {
            byte[] domain = new byte[5 * 32];
            System.Array.Copy(DomainTypeHash, 0, domain, 0, 32);
            System.Array.Copy(Keccak256.Hash(Ascii("DIMO")), 0, domain, 32, 32);
            System.Array.Copy(Keccak256.Hash(Ascii("1")), 0, domain, 64, 32);
            WriteUInt256(domain, 96, ChainId);
            System.Array.Copy(VerifyingContract, 0, domain, 128 + 12, EthAddress.Length);
            byte[] claim = new byte[3 * 32];
            System.Array.Copy(ClaimTypeHash, 0, claim, 0, 32);
            WriteUInt256(claim, 32, DeviceNode);
            System.Array.Copy(Owner, 0, claim, 64 + 12, EthAddress.Length);
            byte[] digestInput = new byte[2 + 64];
            digestInput[0] = 0x19;
            digestInput[1] = 0x01;
            Keccak256.Hash(domain, 0, domain.Length, digestInput, 2);
            Keccak256.Hash(claim, 0, claim.Length, digestInput, 34);
            return Keccak256.Hash(digestInput, 0, digestInput.Length);
        }

        private static void WriteUInt256(byte[] buffer, int offset, long value)
        {
            for (int i = 0; i < 8; i++)
            {
                buffer[offset + 31 - i] = (byte)(value >> (8 * i));
            }
        }

        private static byte[] Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }
            return bytes;
        }
    }
}
