namespace Dimo.Core.Crypto
{
    /// <summary>
    /// A source of secret random bytes: the hardware RNG on the device, a cryptographic RNG on .NET, a
    /// seeded generator in tests.
    /// </summary>
    public interface IEntropy
    {
        void Fill(byte[] buffer, int offset, int count);
    }
}
