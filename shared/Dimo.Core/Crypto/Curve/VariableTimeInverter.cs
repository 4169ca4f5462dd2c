namespace Dimo.Core.Crypto.Curve
{
    /// <summary>
    /// Modular inversion by Bernstein and Yang's "safegcd" divsteps (https://eprint.iacr.org/2019/266), in its
    /// variable-time form: batches of 30 divsteps act on the low 32 bits of f and g only, and each batch's 2x2
    /// matrix then updates the full values, held as nine signed 30-bit limbs so products fit in a long. About a
    /// dozen batches invert a 256-bit value, some 50 times less interpreted work than a Fermat power.
    /// <para>
    /// Its running time depends on the value, so callers pass only blinded values (a secret multiplied by a random
    /// or secret factor, and the factor multiplied back afterwards): the time then says nothing about the secret.
    /// </para>
    /// Owns its registers: not thread-safe.
    /// </summary>
    internal sealed class VariableTimeInverter
    {
        private const int Limbs = 9;
        private const int Mask30 = 0x3FFFFFFF;

        // de Bruijn sequence for counting trailing zeros of a 32-bit value (the device has no intrinsic).
        private static readonly byte[] TrailingZeros = new byte[]
        {
            0, 1, 28, 2, 29, 14, 24, 3, 30, 22, 20, 15, 25, 17, 4, 8,
            31, 27, 13, 23, 21, 19, 16, 7, 26, 12, 18, 6, 11, 5, 10, 9,
        };

        private readonly int[] _modulus = new int[Limbs];
        private readonly uint _modulusInverse30;
        private readonly int[] _d = new int[Limbs];
        private readonly int[] _e = new int[Limbs];
        private readonly int[] _f = new int[Limbs];
        private readonly int[] _g = new int[Limbs];

        // The last batch's transition matrix [[u, v], [q, r]], scaled by 2^30.
        private int _u;
        private int _v;
        private int _q;
        private int _r;

        /// <summary>For an odd modulus below 2^256.</summary>
        public VariableTimeInverter(uint[] modulus)
        {
            ToSigned30(modulus, _modulus);
            // Newton's iteration doubles the correct low bits of 1/m mod 2^32 each round: 1 -> 2 -> ... -> 32.
            uint m0 = modulus[0];
            uint inverse = m0;
            for (int i = 0; i < 5; i++)
            {
                inverse *= 2 - m0 * inverse;
            }
            _modulusInverse30 = inverse & Mask30;
        }

        /// <summary>result = a^-1 mod m for 0 &lt; a &lt; m (m prime); the time depends on a. result may be a.</summary>
        public void Invert(uint[] result, uint[] a)
        {
            int[] d = _d, e = _e, f = _f, g = _g;
            System.Array.Clear(d, 0, Limbs);
            System.Array.Clear(e, 0, Limbs);
            e[0] = 1;
            System.Array.Copy(_modulus, f, Limbs);
            ToSigned30(a, g);
            int eta = -1;
            int length = Limbs;
            while (true)
            {
                eta = DivSteps(eta, (uint)f[0], (uint)g[0]);
                UpdateDE(d, e);
                UpdateFG(f, g, length);
                if (g[0] == 0)
                {
                    int any = 0;
                    for (int i = 1; i < length; i++)
                    {
                        any |= g[i];
                    }
                    if (any == 0)
                    {
                        break;
                    }
                }
                // Drop the top limb when it only carries the sign of both f and g.
                int fn = f[length - 1];
                int gn = g[length - 1];
                if (length > 1 && (fn ^ (fn >> 31)) == 0 && (gn ^ (gn >> 31)) == 0)
                {
                    f[length - 2] |= fn << 30;
                    g[length - 2] |= gn << 30;
                    length--;
                }
            }
            // f is now +-1 (the gcd) and d * f^-1 the inverse; bring it into [0, m).
            Normalize(d, f[length - 1] < 0 || (length == 1 && f[0] < 0));
            FromSigned30(d, result);
        }

        /// <summary>30 divsteps on the low bits of f and g (both as in the full values); leaves the matrix in u, v, q, r.</summary>
        private int DivSteps(int eta, uint f, uint g)
        {
            uint u = 1, v = 0, q = 0, r = 1;
            int left = 30;
            while (true)
            {
                // Halve g as often as it is even (at most the steps left), scaling f's row to match.
                uint bounded = g | (0xFFFFFFFFu << left);
                int zeros = TrailingZeros[((bounded & (0u - bounded)) * 0x077CB531u) >> 27];
                g >>= zeros;
                u <<= zeros;
                v <<= zeros;
                eta -= zeros;
                left -= zeros;
                if (left == 0)
                {
                    break;
                }
                // g is odd: with eta < 0, (f, g) becomes (g, -f); then g += f makes g even again.
                if (eta < 0)
                {
                    eta = -eta;
                    uint t = f;
                    f = g;
                    g = 0u - t;
                    t = u;
                    u = q;
                    q = 0u - t;
                    t = v;
                    v = r;
                    r = 0u - t;
                }
                g += f;
                q += u;
                r += v;
            }
            _u = (int)u;
            _v = (int)v;
            _q = (int)q;
            _r = (int)r;
            return eta;
        }

        /// <summary>(d, e) = (u d + v e, q d + r e) / 2^30 mod m, adding the multiple of m that makes the division exact.</summary>
        private void UpdateDE(int[] d, int[] e)
        {
            long u = _u, v = _v, q = _q, r = _r;
            int[] m = _modulus;
            // Keep d and e in (-2m, m): add m times the coefficients of the negative inputs.
            int sd = d[Limbs - 1] >> 31;
            int se = e[Limbs - 1] >> 31;
            int md = (_u & sd) + (_v & se);
            int me = (_q & sd) + (_r & se);
            long cd = u * d[0] + v * e[0];
            long ce = q * d[0] + r * e[0];
            md -= (int)((_modulusInverse30 * (uint)cd + (uint)md) & Mask30);
            me -= (int)((_modulusInverse30 * (uint)ce + (uint)me) & Mask30);
            cd += (long)m[0] * md;
            ce += (long)m[0] * me;
            cd >>= 30;
            ce >>= 30;
            for (int i = 1; i < Limbs; i++)
            {
                cd += u * d[i] + v * e[i] + (long)m[i] * md;
                ce += q * d[i] + r * e[i] + (long)m[i] * me;
                d[i - 1] = (int)cd & Mask30;
                e[i - 1] = (int)ce & Mask30;
                cd >>= 30;
                ce >>= 30;
            }
            d[Limbs - 1] = (int)cd;
            e[Limbs - 1] = (int)ce;
        }

        /// <summary>(f, g) = (u f + v g, q f + r g) / 2^30 over the first <paramref name="length"/> limbs (exact).</summary>
        private void UpdateFG(int[] f, int[] g, int length)
        {
            long u = _u, v = _v, q = _q, r = _r;
            long cf = u * f[0] + v * g[0];
            long cg = q * f[0] + r * g[0];
            cf >>= 30;
            cg >>= 30;
            for (int i = 1; i < length; i++)
            {
                cf += u * f[i] + v * g[i];
                cg += q * f[i] + r * g[i];
                f[i - 1] = (int)cf & Mask30;
                g[i - 1] = (int)cg & Mask30;
                cf >>= 30;
                cg >>= 30;
            }
            f[length - 1] = (int)cf;
            g[length - 1] = (int)cg;
        }

        /// <summary>d = (negate ? -d : d) mod m, for d in (-2m, m), as non-negative 30-bit limbs.</summary>
        private void Normalize(int[] d, bool negate)
        {
            if (negate)
            {
                long borrow = 0;
                for (int i = 0; i < Limbs; i++)
                {
                    borrow -= d[i];
                    d[i] = i < Limbs - 1 ? (int)borrow & Mask30 : (int)borrow;
                    borrow >>= 30;
                }
            }
            while (d[Limbs - 1] < 0)
            {
                AddModulus(d, 1);
            }
            while (!LessThanModulus(d))
            {
                AddModulus(d, -1);
            }
        }

        private void AddModulus(int[] d, int sign)
        {
            long carry = 0;
            for (int i = 0; i < Limbs; i++)
            {
                carry += d[i] + (long)sign * _modulus[i];
                d[i] = i < Limbs - 1 ? (int)carry & Mask30 : (int)carry;
                carry >>= 30;
            }
        }

        private bool LessThanModulus(int[] d)
        {
            for (int i = Limbs - 1; i >= 0; i--)
            {
                if (d[i] != _modulus[i])
                {
                    return d[i] < _modulus[i];
                }
            }
            return false;
        }

        /// <summary>Eight 32-bit limbs to nine 30-bit limbs (the value is below 2^256, so all are non-negative).</summary>
        private static void ToSigned30(uint[] value, int[] limbs)
        {
            for (int i = 0; i < Limbs; i++)
            {
                int bit = 30 * i;
                int word = bit >> 5;
                int shift = bit & 31;
                uint bits = value[word] >> shift;
                if (shift > 2 && word + 1 < U256.Limbs)
                {
                    bits |= value[word + 1] << (32 - shift);
                }
                limbs[i] = (int)(bits & Mask30);
            }
        }

        /// <summary>Nine non-negative 30-bit limbs (a value below 2^256) to eight 32-bit limbs.</summary>
        private static void FromSigned30(int[] limbs, uint[] value)
        {
            ulong accumulator = 0;
            int filled = 0;
            int word = 0;
            for (int i = 0; i < Limbs && word < U256.Limbs; i++)
            {
                accumulator |= (ulong)(uint)limbs[i] << filled;
                filled += 30;
                if (filled >= 32)
                {
                    value[word] = (uint)accumulator;
                    word++;
                    accumulator >>= 32;
                    filled -= 32;
                }
            }
            if (word < U256.Limbs)
            {
                value[word] = (uint)accumulator;
            }
        }
    }
}
