using Dimo.Core.Crypto.Curve;
using Dimo.Testing;

namespace Dimo.Core.Tests.Crypto
{
    public class Scalar_multiplication_allocates_nothing
    {
        [Fact]
        public void Fixed_base_multiplication_with_preallocated_registers_allocates_zero_bytes()
        {
            var multiplier = new GeneratorMultiplier();
            var result = new JacobianPoint();
            uint[] odd = U256.FromHex("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
            uint[] even = U256.FromHex("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362317");
            multiplier.Multiply(odd, result); // builds the shared table once

            Assert.Equal(0, SteadyStateAllocations.Measure(() =>
            {
                multiplier.Multiply(odd, result);
                multiplier.Multiply(even, result);
            }));
        }

        [Fact]
        public void Blinded_conversion_to_affine_allocates_zero_bytes()
        {
            var multiplier = new GeneratorMultiplier();
            var result = new JacobianPoint();
            uint[] x = new uint[8];
            uint[] y = new uint[8];
            uint[] blind = U256.FromHex("00000000000000000000000000000000000000000000000000000000000a11ce");
            multiplier.Multiply(U256.FromHex("0000000000000000000000000000000000000000000000000000000000000007"), result);
            multiplier.Curve.ToAffine(result, blind, x, y);

            Assert.Equal(0, SteadyStateAllocations.Measure(() => multiplier.Curve.ToAffine(result, blind, x, y)));
        }
    }
}
