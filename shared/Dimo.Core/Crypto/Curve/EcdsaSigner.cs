namespace Dimo.Core.Crypto.Curve
{
    /// <summary>
    /// ECDSA over secp256k1 with RFC 6979 deterministic nonces (HMAC-SHA256), producing Ethereum's
    /// 65-byte r || s || v with low s (BIP-62/EIP-2) and v = 27 + recovery id. Owns its registers: one
    /// instance per key, used by one thread at a time.
    /// <para>
    /// The two inversions (of Z for the affine x, and of the nonce) are variable-time, so each inverts a blinded
    /// value: Z times a secret field element, k times a secret scalar, both taken from the RFC 6979 key K of this
    /// signature (secret, and new for every message), and the blinding is multiplied out again. The public key's
    /// Z is blinded with HMAC-SHA256 keyed by the private key. Blinding changes no result: signatures stay
    /// byte-identical to the unblinded computation.
    /// </para>
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
        private readonly uint[] _fieldBlind = new uint[U256.Limbs];
        private readonly uint[] _scalarBlind = new uint[U256.Limbs];

        /// <summary>The HMAC message whose tag, keyed by the private key, blinds the public key's inversion.</summary>
        private static readonly byte[] PublicKeyBlindingLabel = new byte[]
        {
            (byte)'d', (byte)'i', (byte)'m', (byte)'o', (byte)' ', (byte)'p', (byte)'u', (byte)'b', (byte)'l', (byte)'i',
            (byte)'c', (byte)' ', (byte)'k', (byte)'e', (byte)'y', (byte)' ', (byte)'b', (byte)'l', (byte)'i', (byte)'n',
            (byte)'d',
        };

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
            U256.ToBigEndian(d, _nonceKey, 0);
            _hmac.Compute(_nonceKey, PublicKeyBlindingLabel, 0, PublicKeyBlindingLabel.Length, _nonceValue, 0);
            SetBlind(_fieldBlind, _nonceValue, FieldArithmetic.P);
            System.Array.Clear(_nonceKey, 0, Length);
            System.Array.Clear(_nonceValue, 0, Length);
            _multiplier.Curve.ToAffine(_point, _fieldBlind, _x, _y);
            System.Array.Clear(_fieldBlind, 0, U256.Limbs);
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
                System.Array.Clear(_fieldBlind, 0, U256.Limbs);
                System.Array.Clear(_scalarBlind, 0, U256.Limbs);
            }
        }

        /// <summary>blind = 32 secret bytes mod m (one subtraction: they are below 2^256 &lt; 2m), and 1 in place of 0.</summary>
        private static void SetBlind(uint[] blind, byte[] secret32, uint[] modulus)
        {
            U256.FromBigEndian(secret32, 0, blind);
            uint notBelow = ~U256.LessThanMask(blind, modulus);
            U256.Subtract(blind, blind, modulus);
            U256.AddMasked(blind, modulus, ~notBelow);
            blind[0] |= U256.IsZeroMask(blind) & 1;
        }

        /// <summary>Signs with the nonce in _k, or returns false when this nonce cannot give a valid signature.</summary>
        private bool TrySign(uint[] d, byte[] output, int offset)
        {
            if (U256.IsZero(_k) || U256.LessThanMask(_k, ScalarArithmetic.N) == 0)
            {
                return false;
            }
            _multiplier.Multiply(_k, _point);
            SetBlind(_fieldBlind, _nonceKey, FieldArithmetic.P);
            _multiplier.Curve.ToAffine(_point, _fieldBlind, _x, _y);
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
            // k^-1 = b * (k * b)^-1 with b = K^2 mod n, so the inversion never sees k itself.
            SetBlind(_scalarBlind, _nonceKey, ScalarArithmetic.N);
            scalar.Square(_scalarBlind, _scalarBlind);
            scalar.Multiply(_k, _k, _scalarBlind);
            scalar.InvertVariableTime(_k, _k);
            scalar.Multiply(_k, _k, _scalarBlind);
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
