namespace Dimo.Core.Crypto.Curve
{
    /// <summary>
    /// A curve point in Jacobian coordinates, (X, Y, Z) standing for (X/Z^2, Y/Z^3); Z = 0 is the point at
    /// infinity. A mutable register: arithmetic writes into existing points instead of creating new ones.
    /// </summary>
    internal sealed class JacobianPoint
    {
        public readonly uint[] X = new uint[U256.Limbs];
        public readonly uint[] Y = new uint[U256.Limbs];
        public readonly uint[] Z = new uint[U256.Limbs];

        public void SetAffine(uint[] x, uint[] y)
        {
            U256.Copy(x, X);
            U256.Copy(y, Y);
            U256.SetSmall(Z, 1);
        }

        public void CopyTo(JacobianPoint other)
        {
            U256.Copy(X, other.X);
            U256.Copy(Y, other.Y);
            U256.Copy(Z, other.Z);
        }
    }
}
