using System;
using Dimo.Core.Crypto;

namespace Dimo.Core.Wire
{
    /// <summary>
    /// A batch as it travels: the body, then a 65-byte EIP-191 (personal_sign) signature r ‖ s ‖ v over exactly
    /// those body bytes, so any Ethereum library recovers the device's address from it.
    /// </summary>
    public sealed class SignedBatch
    {
        public const int SignatureLength = 65;

        public SignedBatch(byte[] body, byte[] signature)
        {
            Body = body;
            Signature = signature;
        }

        public byte[] Body { get; private set; }

        /// <summary>r (32 bytes) ‖ s (32 bytes) ‖ v (27 or 28).</summary>
        public byte[] Signature { get; private set; }

        /// <summary>body ‖ signature of the body by <paramref name="key"/>.</summary>
        public static byte[] Seal(byte[] body, PrivateKey key)
        {
            if (body == null)
            {
                throw new ArgumentNullException("body");
            }
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }
            return Join(body, key.SignPersonalMessage(body, 0, body.Length));
        }

        /// <summary>body ‖ signature, for a signer that is not a <see cref="PrivateKey"/> (a device key store).</summary>
        public static byte[] Join(byte[] body, byte[] signature)
        {
            if (body == null)
            {
                throw new ArgumentNullException("body");
            }
            if (signature == null || signature.Length != SignatureLength)
            {
                throw new ArgumentException("A signature is 65 bytes.", "signature");
            }
            byte[] wire = new byte[body.Length + SignatureLength];
            Array.Copy(body, wire, body.Length);
            Array.Copy(signature, 0, wire, body.Length, SignatureLength);
            return wire;
        }

        /// <summary>
        /// Splits a wire batch into copies of its body and signature. Checks only the lengths (the body's content
        /// is <see cref="BatchReader"/>'s job, the signature's the verifier's); offsets in errors count from the
        /// start of the wire batch.
        /// </summary>
        public static SignedBatch Split(byte[] wire, int offset, int count)
        {
            if (wire == null)
            {
                throw new ArgumentNullException("wire");
            }
            if (offset < 0 || count < 0 || offset > wire.Length - count)
            {
                throw new ArgumentOutOfRangeException("count", "the slice lies outside the array");
            }
            int bodyLength = count - SignatureLength;
            if (bodyLength < 0)
            {
                throw new BatchFormatException(BatchFormatError.Truncated, count,
                    string.Concat(count.ToString(), " bytes cannot hold a 65-byte signature"));
            }
            if (bodyLength > WireFormat.MaxBodyLength)
            {
                throw new BatchFormatException(BatchFormatError.TooLarge, WireFormat.MaxBodyLength,
                    string.Concat("body of ", bodyLength.ToString(), " bytes; at most 16384"));
            }
            byte[] body = new byte[bodyLength];
            byte[] signature = new byte[SignatureLength];
            Array.Copy(wire, offset, body, 0, bodyLength);
            Array.Copy(wire, offset + bodyLength, signature, 0, SignatureLength);
            return new SignedBatch(body, signature);
        }
    }
}
