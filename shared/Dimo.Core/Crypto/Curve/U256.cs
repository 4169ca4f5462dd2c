namespace Dimo.Core.Crypto.Curve
{
    /// <summary>
    /// 256-bit unsigned integers as eight 32-bit limbs, least significant first. Everything here is
    /// branch-free on the values so it may touch secrets; masks are 0 or 0xFFFFFFFF.
    /// </summary>
    internal static class U256
    {
        public const int Limbs = 8;

        public static void FromBigEndian(byte[] source, int offset, uint[] result)
        {
            for (int i = 0; i < Limbs; i++)
            {
                int at = offset + 28 - 4 * i;
                result[i] = ((uint)source[at] << 24) | ((uint)source[at + 1] << 16) | ((uint)source[at + 2] << 8) | source[at + 3];
            }
        }

        public static void ToBigEndian(uint[] value, byte[] destination, int offset)
        {
            for (int i = 0; i < Limbs; i++)
            {
                int at = offset + 28 - 4 * i;
                uint limb = value[i];
                destination[at] = (byte)(limb >> 24);
                destination[at + 1] = (byte)(limb >> 16);
                destination[at + 2] = (byte)(limb >> 8);
                destination[at + 3] = (byte)limb;
            }
        }

        /// <summary>result = a + b mod 2^256; returns the carry (0 or 1). result may be a or b.</summary>
        public static uint Add(uint[] result, uint[] a, uint[] b)
        {
            ulong carry = 0;
            for (int i = 0; i < Limbs; i++)
            {
                carry += (ulong)a[i] + b[i];
                result[i] = (uint)carry;
                carry >>= 32;
            }
            return (uint)carry;
        }

        /// <summary>result = a - b mod 2^256; returns the borrow (0 or 1). result may be a or b.</summary>
        public static uint Subtract(uint[] result, uint[] a, uint[] b)
        {
            long borrow = 0;
            for (int i = 0; i < Limbs; i++)
            {
                borrow += (long)a[i] - b[i];
                result[i] = (uint)borrow;
                borrow >>= 32;
            }
            return (uint)borrow & 1;
        }

        /// <summary>Adds <paramref name="addend"/> where the mask is set; returns the carry.</summary>
        public static uint AddMasked(uint[] value, uint[] addend, uint mask)
        {
            ulong carry = 0;
            for (int i = 0; i < Limbs; i++)
            {
                carry += (ulong)value[i] + (addend[i] & mask);
                value[i] = (uint)carry;
                carry >>= 32;
            }
            return (uint)carry;
        }

        /// <summary>Overwrites <paramref name="target"/> with <paramref name="source"/> where the mask is set.</summary>
        public static void Select(uint[] target, uint[] source, uint mask)
        {
            for (int i = 0; i < Limbs; i++)
            {
                target[i] = (target[i] & ~mask) | (source[i] & mask);
            }
        }

        /// <summary>0xFFFFFFFF when a &lt; b, else 0.</summary>
        public static uint LessThanMask(uint[] a, uint[] b)
        {
            long borrow = 0;
            for (int i = 0; i < Limbs; i++)
            {
                borrow += (long)a[i] - b[i];
                borrow >>= 32;
            }
            return (uint)borrow;
        }

        /// <summary>0xFFFFFFFF when the value is zero, else 0.</summary>
        public static uint IsZeroMask(uint[] value)
        {
            uint any = 0;
            for (int i = 0; i < Limbs; i++)
            {
                any |= value[i];
            }
            return MaskFromBit(((any | (0u - any)) >> 31) ^ 1);
        }

        /// <summary>0xFFFFFFFF for 1, 0 for 0.</summary>
        public static uint MaskFromBit(uint bit)
        {
            return 0u - bit;
        }

        public static bool IsZero(uint[] value)
        {
            return IsZeroMask(value) != 0;
        }

        public static void Copy(uint[] source, uint[] destination)
        {
            System.Array.Copy(source, destination, Limbs);
        }

        public static void SetSmall(uint[] value, uint small)
        {
            System.Array.Clear(value, 0, Limbs);
            value[0] = small;
        }

        public static uint[] FromHex(string hex)
        {
            uint[] value = new uint[Limbs];
            FromBigEndian(Hex.Decode(hex), 0, value);
            return value;
        }
    }
}
