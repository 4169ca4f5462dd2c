namespace Dimo.Core.Crypto.Curve
{
    /// <summary>
    /// Group law on secp256k1 (y^2 = x^3 + 7) in Jacobian coordinates. The formulas are the
    /// a = 0 doubling (dbl-2009-l) and the addition without special cases, so callers must not add a point
    /// to itself, to its negation, or to infinity; the fixed-base multiplier's digit recoding guarantees that.
    /// Owns its scratch registers: not thread-safe.
    /// </summary>
    internal sealed class PointArithmetic
    {
        public readonly FieldArithmetic Field = new FieldArithmetic();

        private readonly uint[] _a = new uint[U256.Limbs];
        private readonly uint[] _b = new uint[U256.Limbs];
        private readonly uint[] _c = new uint[U256.Limbs];
        private readonly uint[] _d = new uint[U256.Limbs];
        private readonly uint[] _e = new uint[U256.Limbs];
        private readonly uint[] _f = new uint[U256.Limbs];
        private readonly uint[] _u1 = new uint[U256.Limbs];
        private readonly uint[] _s1 = new uint[U256.Limbs];
        private readonly uint[] _u2 = new uint[U256.Limbs];
        private readonly uint[] _s2 = new uint[U256.Limbs];
        private readonly uint[] _z = new uint[U256.Limbs];

        /// <summary>result = 2p; result may be p.</summary>
        public void Double(JacobianPoint result, JacobianPoint p)
        {
            FieldArithmetic f = Field;
            f.Square(_a, p.X);
            f.Square(_b, p.Y);
            f.Square(_c, _b);
            f.Add(_d, p.X, _b);
            f.Square(_d, _d);
            f.Subtract(_d, _d, _a);
            f.Subtract(_d, _d, _c);
            f.Add(_d, _d, _d);
            f.Add(_e, _a, _a);
            f.Add(_e, _e, _a);
            f.Square(_f, _e);

            f.Multiply(result.Z, p.Y, p.Z);
            f.Add(result.Z, result.Z, result.Z);

            f.Subtract(result.X, _f, _d);
            f.Subtract(result.X, result.X, _d);

            f.Add(_c, _c, _c);
            f.Add(_c, _c, _c);
            f.Add(_c, _c, _c);
            f.Subtract(_d, _d, result.X);
            f.Multiply(result.Y, _e, _d);
            f.Subtract(result.Y, result.Y, _c);
        }

        /// <summary>result = p + (x, y) for an affine point (mixed addition); result may be p.</summary>
        public void AddAffine(JacobianPoint result, JacobianPoint p, uint[] x, uint[] y)
        {
            FieldArithmetic f = Field;
            f.Square(_a, p.Z);
            f.Multiply(_u2, x, _a);
            f.Multiply(_s2, y, _a);
            f.Multiply(_s2, _s2, p.Z);
            FinishAddition(result, p.X, p.Y, p.Z);
        }

        /// <summary>result = p + q for two Jacobian points; result may be p or q.</summary>
        public void Add(JacobianPoint result, JacobianPoint p, JacobianPoint q)
        {
            FieldArithmetic f = Field;
            f.Square(_a, p.Z);
            f.Square(_b, q.Z);
            f.Multiply(_u1, p.X, _b);
            f.Multiply(_s1, p.Y, _b);
            f.Multiply(_s1, _s1, q.Z);
            f.Multiply(_u2, q.X, _a);
            f.Multiply(_s2, q.Y, _a);
            f.Multiply(_s2, _s2, p.Z);
            f.Multiply(_z, p.Z, q.Z);
            FinishAddition(result, _u1, _s1, _z);
        }

        /// <summary>
        /// Writes the affine coordinates of a point that is not infinity. Z is inverted as Z * blind (a secret,
        /// non-zero field element the caller draws) and multiplied by blind again, so the variable-time inversion
        /// learns nothing about Z.
        /// </summary>
        public void ToAffine(JacobianPoint p, uint[] blind, uint[] x, uint[] y)
        {
            FieldArithmetic f = Field;
            f.Multiply(_b, p.Z, blind);
            f.InvertVariableTime(_b, _b);
            f.Multiply(_a, _b, blind);
            f.Square(_b, _a);
            f.Multiply(x, p.X, _b);
            f.Multiply(_b, _b, _a);
            f.Multiply(y, p.Y, _b);
        }

        /// <summary>
        /// The shared tail of both additions, with U1 = X1*Z2^2, S1 = Y1*Z2^3, U2 = X2*Z1^2, S2 = Y2*Z1^3
        /// (U2 and S2 already in their registers) and z = Z1*Z2.
        /// </summary>
        private void FinishAddition(JacobianPoint result, uint[] u1, uint[] s1, uint[] z)
        {
            FieldArithmetic f = Field;
            uint[] h = _c;
            uint[] r = _d;
            uint[] hh = _e;
            uint[] hhh = _f;
            f.Subtract(h, _u2, u1);
            f.Subtract(r, _s2, s1);
            f.Square(hh, h);
            f.Multiply(hhh, h, hh);
            uint[] v = _u2;
            f.Multiply(v, u1, hh);
            uint[] s1hhh = _s2;
            f.Multiply(s1hhh, s1, hhh);

            f.Multiply(result.Z, z, h);

            f.Square(result.X, r);
            f.Subtract(result.X, result.X, hhh);
            f.Subtract(result.X, result.X, v);
            f.Subtract(result.X, result.X, v);

            f.Subtract(v, v, result.X);
            f.Multiply(result.Y, r, v);
            f.Subtract(result.Y, result.Y, s1hhh);
        }
    }
}
