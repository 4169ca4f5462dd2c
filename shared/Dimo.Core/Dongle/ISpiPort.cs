namespace Dimo.Core.Dongle
{
    /// <summary>
    /// One SPI device behind its chip-select line. Each <see cref="Transfer"/> is one transaction: chip select
    /// goes active, <paramref name="count"/> bytes are clocked out of <c>write</c> while as many are clocked into
    /// <c>read</c>, and chip select goes inactive. The ESP32 adapter wraps nanoFramework's <c>SpiDevice</c>; the
    /// tests wrap a register-level chip simulator. Buffers belong to the caller, so a transfer allocates nothing.
    /// </summary>
    public interface ISpiPort
    {
        void Transfer(byte[] write, byte[] read, int count);
    }
}
