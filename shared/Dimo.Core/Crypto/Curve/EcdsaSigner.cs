namespace Dimo.Core.Crypto.Curve
{
    /// <summary>
    /// ECDSA over secp256k1 with RFC 6979 deterministic nonces (HMAC-SHA256), producing Ethereum's
    /// 65-byte r || s || v with low s (BIP-62/EIP-2) and v = 27 + recovery id. Owns its registers: one
    /// instance per key, used by one thread at a time.
    /// </summary>
    internal sealed class EcdsaSigner
    {
        public const int SignatureLength = 65;

        private const int Length = 32;

        private readonly GeneratorMultiplier _multiplier = new GeneratorMultiplier();
        private readonly ScalarArithmetic _scalar = new ScalarArithmetic();
        private readonly IHmacSha256 _hmac;

        private readonly JacobianPoint _point = new JacobianPoint();
        private readonly uint[] _x = new uint[U256.Limbs];
        private readonly uint[] _y = new uint[U256.Limbs];
        private readonly uint[] _z = new uint[U256.Limbs];
        private readonly uint[] _k = new uint[U256.Limbs];
        private readonly uint[] _r = new uint[U256.Limbs];
        private readonly uint[] _s = new uint[U256.Limbs];
        private readonly uint[] _negatedS = new uint[U256.Limbs];

        // RFC 6979 state: K, V and the HMAC input V || tag || x || h1.
        private readonly byte[] _nonceKey = new byte[Length];
        private readonly byte[] _nonceValue = new byte[Length];
        private readonly byte[] _nonceInput = new byte[3 * Length + 1];

        public EcdsaSigner(IHmacSha256 hmac)
        {
            _hmac = hmac;
        }

        /// <summary>Writes the 64-byte public key X || Y of the secret scalar d.</summary>
        public void WritePublicKey(uint[] d, byte[] output, int offset)
        {
            _multiplier.Multiply(d, _point);
            _multiplier.Curve.ToAffine(_point, _x, _y);
            U256.ToBigEndian(_x, output, offset);
            U256.ToBigEndian(_y, output, offset + Length);
        }

        /// <summary>Signs a 32-byte hash with the secret scalar d (1 &lt;= d &lt; n) into 65 bytes at <paramref name="offset"/>.</summary>
        public void Sign(uint[] d, byte[] hash32, byte[] output, int offset)
        {
            U256.FromBigEndian(hash32, 0, _z);
            // h1 mod n: the hash is below 2^256 < 2n, so one conditional subtraction reduces it.
            uint borrow = U256.Subtract(_s, _z, ScalarArithmetic.N);
            U256.Select(_z, _s, U256.MaskFromBit(borrow ^ 1));
            StartNonces(d);
            try
            {
                while (true)
                {
                    NextNonce();
                    if (TrySign(d, output, offset))
                    {
                        return;
                    }
                    RetryNonce();
                }
            }
            finally
            {
                System.Array.Clear(_nonceKey, 0, Length);
                System.Array.Clear(_nonceValue, 0, Length);
                System.Array.Clear(_nonceInput, 0, _nonceInput.Length);
                System.Array.Clear(_k, 0, U256.Limbs);
                System.Array.Clear(_s, 0, U256.Limbs);
            }
        }

        /// <summary>Signs with the nonce in _k, or returns false when this nonce cannot give a valid signature.</summary>
        private bool TrySign(uint[] d, byte[] output, int offset)
        {
            if (U256.IsZero(_k) || U256.LessThanMask(_k, ScalarArithmetic.N) == 0)
            {
                return false;
            }
            _multiplier.Multiply(_k, _point);
            _multiplier.Curve.ToAffine(_point, _x, _y);
            // r = x mod n. An x at or above n (probability ~2^-128) would need a recovery id of 2 or 3,
            // which v = 27/28 cannot carry, so such a nonce is skipped like an invalid one.
            if (U256.LessThanMask(_x, ScalarArithmetic.N) == 0 || U256.IsZero(_x))
            {
                return false;
            }
            U256.Copy(_x, _r);

            ScalarArithmetic scalar = _scalar;
            scalar.Multiply(_s, _r, d);
            scalar.Add(_s, _s, _z);
            scalar.Invert(_k, _k);
            scalar.Multiply(_s, _s, _k);
            if (U256.IsZero(_s))
            {
                return false;
            }

            uint recoveryId = _y[0] & 1;
            uint highMask = U256.LessThanMask(ScalarArithmetic.HalfN, _s);
            scalar.Negate(_negatedS, _s);
            U256.Select(_s, _negatedS, highMask);
            recoveryId ^= highMask & 1;

            U256.ToBigEndian(_r, output, offset);
            U256.ToBigEndian(_s, output, offset + Length);
            output[offset + 2 * Length] = (byte)(27 + recoveryId);
            return true;
        }

        /// <summary>RFC 6979 3.2 steps b-g: V = 01..01, K = 00..00, then two keyed rounds over x and h1 mod n.</summary>
        private void StartNonces(uint[] d)
        {
            for (int i = 0; i < Length; i++)
            {
                _nonceValue[i] = 0x01;
                _nonceKey[i] = 0x00;
            }
            U256.ToBigEndian(d, _nonceInput, Length + 1);
            U256.ToBigEndian(_z, _nonceInput, 2 * Length + 1);
            UpdateKeyAndValue(0x00, _nonceInput.Length);
            UpdateKeyAndValue(0x01, _nonceInput.Length);
        }

        /// <summary>RFC 6979 3.2 step h: V = HMAC_K(V) is the next candidate (qlen = hlen = 256).</summary>
        private void NextNonce()
        {
            _hmac.Compute(_nonceKey, _nonceValue, 0, Length, _nonceValue, 0);
            U256.FromBigEndian(_nonceValue, 0, _k);
        }

        /// <summary>RFC 6979 3.2 step h.3: K = HMAC_K(V || 0x00), V = HMAC_K(V).</summary>
        private void RetryNonce()
        {
            UpdateKeyAndValue(0x00, Length + 1);
        }

        /// <summary>K = HMAC_K(V || tag || rest of the input up to <paramref name="inputLength"/>), then V = HMAC_K(V).</summary>
        private void UpdateKeyAndValue(byte tag, int inputLength)
        {
            System.Array.Copy(_nonceValue, 0, _nonceInput, 0, Length);
            _nonceInput[Length] = tag;
            _hmac.Compute(_nonceKey, _nonceInput, 0, inputLength, _nonceKey, 0);
            _hmac.Compute(_nonceKey, _nonceValue, 0, Length, _nonceValue, 0);
        }
    }
}
