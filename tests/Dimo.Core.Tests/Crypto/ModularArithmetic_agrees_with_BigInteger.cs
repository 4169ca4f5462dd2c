using System.Collections.Generic;
using Dimo.Core.Crypto.Curve;
using Numerics = System.Numerics;

namespace Dimo.Core.Tests.Crypto
{
    public class ModularArithmetic_agrees_with_BigInteger
    {
        public static IEnumerable<object[]> Arithmetics()
        {
            yield return new object[] { "field" };
            yield return new object[] { "scalar" };
        }

        [Theory]
        [MemberData(nameof(Arithmetics))]
        public void Every_operation_matches_big_integer_arithmetic_on_edge_and_random_values(string which)
        {
            ModularArithmetic arithmetic = which == "field" ? new FieldArithmetic() : new ScalarArithmetic();
            Numerics.BigInteger modulus = ToBig(arithmetic.Modulus);
            List<Numerics.BigInteger> values = Samples(modulus);
            uint[] a = new uint[8];
            uint[] b = new uint[8];
            uint[] result = new uint[8];

            foreach (Numerics.BigInteger x in values)
            {
                FromBig(x, a);
                arithmetic.Square(result, a);
                Assert.True(x * x % modulus == ToBig(result), "sq " + x.ToString("x"));
                arithmetic.Negate(result, a);
                Assert.True((modulus - x) % modulus == ToBig(result), "neg " + x.ToString("x"));
                if (!x.IsZero)
                {
                    arithmetic.InvertVariableTime(result, a);
                    Assert.True(Numerics.BigInteger.One == ToBig(result) * x % modulus, "inv " + x.ToString("x"));
                }
                foreach (Numerics.BigInteger y in values)
                {
                    FromBig(y, b);
                    arithmetic.Multiply(result, a, b);
                    Assert.True(x * y % modulus == ToBig(result), "mul " + x.ToString("x") + " " + y.ToString("x"));
                    arithmetic.Add(result, a, b);
                    Assert.True((x + y) % modulus == ToBig(result), "add " + x.ToString("x") + " " + y.ToString("x"));
                    arithmetic.Subtract(result, a, b);
                    Assert.True(((x - y) % modulus + modulus) % modulus == ToBig(result), "sub " + x.ToString("x") + " " + y.ToString("x"));
                }
            }
        }

        [Fact]
        public void Masked_field_negation_negates_exactly_where_the_mask_is_set()
        {
            var field = new FieldArithmetic();
            Numerics.BigInteger p = ToBig(field.Modulus);
            uint[] a = new uint[8];
            foreach (Numerics.BigInteger x in Samples(p))
            {
                if (x.IsZero) continue;
                FromBig(x, a);
                field.NegateNonZeroWhere(a, 0);
                Assert.True(x == ToBig(a), "kept " + x.ToString("x"));
                field.NegateNonZeroWhere(a, 0xFFFFFFFF);
                Assert.True(p - x == ToBig(a), "negated " + x.ToString("x"));
            }
        }

        [Fact]
        public void Results_may_overwrite_an_operand()
        {
            var field = new FieldArithmetic();
            Numerics.BigInteger p = ToBig(field.Modulus);
            uint[] a = new uint[8];
            Numerics.BigInteger x = p - 12345;
            FromBig(x, a);

            field.Multiply(a, a, a);
            field.Square(a, a);
            field.InvertVariableTime(a, a);

            Assert.Equal(Numerics.BigInteger.ModPow(Numerics.BigInteger.ModPow(x, 4, p), p - 2, p), ToBig(a));
        }

        private static List<Numerics.BigInteger> Samples(Numerics.BigInteger modulus)
        {
            Numerics.BigInteger two256 = Numerics.BigInteger.One << 256;
            var values = new List<Numerics.BigInteger>
            {
                0, 1, 2, 977, modulus - 1, modulus - 2, modulus - 977, (modulus - 1) / 2, (modulus + 1) / 2,
                Numerics.BigInteger.One << 255, (Numerics.BigInteger.One << 128) - 1, two256 - modulus, modulus - (two256 - modulus),
                Numerics.BigInteger.Parse("0ffffffffffffffffffffffffffffffff00000000000000000000000000000000", System.Globalization.NumberStyles.HexNumber),
            };
            var random = new System.Random(256);
            for (int i = 0; i < 30; i++)
            {
                byte[] bytes = new byte[33];
                random.NextBytes(bytes);
                bytes[32] = 0;
                values.Add(new Numerics.BigInteger(bytes));
            }
            return values.ConvertAll(value => value % modulus);
        }

        private static Numerics.BigInteger ToBig(uint[] limbs)
        {
            Numerics.BigInteger value = 0;
            for (int i = 7; i >= 0; i--)
            {
                value = (value << 32) + limbs[i];
            }
            return value;
        }

        private static void FromBig(Numerics.BigInteger value, uint[] limbs)
        {
            for (int i = 0; i < 8; i++)
            {
                limbs[i] = (uint)(value & 0xFFFFFFFF);
                value >>= 32;
            }
        }
    }
}
