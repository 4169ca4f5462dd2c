using Dimo.Core.Crypto.Curve;
using Numerics = System.Numerics;

namespace Dimo.Core.Tests.Crypto
{
    public class VariableTimeInverter_agrees_with_BigInteger
    {
        [Theory]
        [InlineData("field")]
        [InlineData("scalar")]
        public void Inverses_of_random_and_edge_values_multiply_back_to_one(string which)
        {
            uint[] modulusLimbs = which == "field" ? FieldArithmetic.P : ScalarArithmetic.N;
            var inverter = new VariableTimeInverter(modulusLimbs);
            Numerics.BigInteger modulus = ToBig(modulusLimbs);
            var values = new List<Numerics.BigInteger> { 1, 2, 3, modulus - 1, modulus - 2, (modulus + 1) / 2, Numerics.BigInteger.One << 255, (Numerics.BigInteger.One << 30) - 1, Numerics.BigInteger.One << 30 };
            var random = new Random(6979);
            for (int i = 0; i < 3000; i++)
            {
                byte[] bytes = new byte[33];
                random.NextBytes(bytes);
                bytes[32] = 0;
                // Short values too: the divsteps finish in fewer batches.
                values.Add(new Numerics.BigInteger(bytes.AsSpan(0, 1 + i % 32).ToArray().Concat(new byte[] { 0 }).ToArray()) % modulus);
            }
            uint[] a = new uint[8];
            uint[] result = new uint[8];
            foreach (var x in values.Where(v => !v.IsZero))
            {
                FromBig(x, a);
                inverter.Invert(result, a);
                Assert.True(ToBig(result) < modulus && ToBig(result) * x % modulus == 1, "inverse of " + x.ToString("x"));
            }
        }

        private static Numerics.BigInteger ToBig(uint[] limbs)
        {
            var value = Numerics.BigInteger.Zero;
            for (int i = 7; i >= 0; i--) value = (value << 32) + limbs[i];
            return value;
        }

        private static void FromBig(Numerics.BigInteger value, uint[] limbs)
        {
            for (int i = 0; i < 8; i++)
            {
                limbs[i] = (uint)(value & uint.MaxValue);
                value >>= 32;
            }
        }
    }
}
