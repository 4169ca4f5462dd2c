namespace Dimo.Core.Crypto
{
    /// <summary>
    /// Secret bytes from a source (the ESP32's hardware RNG behind <c>System.Random</c>) mixed with whatever else
    /// the device gathered (tick-counter jitter around Wi-Fi start-up, ADC noise): each
    /// sample is absorbed into a 32-byte Keccak-256 state, and every 32 bytes handed out are
    /// Keccak-256(0x00 || state || 32 source bytes || counter), after which the state moves on to
    /// Keccak-256(0x01 || state || the same source bytes). So the output is as unpredictable as the better of the
    /// source and the samples: a weak hardware RNG (ESP-IDF: truly random only while Wi-Fi or Bluetooth runs) is
    /// not the key's only safeguard, and neither are the samples. Not thread-safe.
    /// </summary>
    public sealed class EntropyPool : IEntropy
    {
        private const int StateLength = Keccak256.HashLength;

        private readonly IEntropy _source;
        private readonly byte[] _state = new byte[StateLength];
        // 1 domain byte || state || 32 source bytes || 8-byte counter (absorbing a sample uses its first 41 bytes).
        private readonly byte[] _input = new byte[1 + StateLength + StateLength + 8];
        private readonly byte[] _block = new byte[StateLength];
        private long _counter;

        public EntropyPool(IEntropy source)
        {
            if (source == null)
            {
                throw new System.ArgumentNullException("source");
            }
            _source = source;
        }

        /// <summary>Samples absorbed so far.</summary>
        public int Samples { get; private set; }

        /// <summary>Absorbs one measurement; its unpredictable low bits are what counts, the rest costs nothing.</summary>
        public void AddSample(long sample)
        {
            _input[0] = 0x02;
            System.Array.Copy(_state, 0, _input, 1, StateLength);
            WriteInt64(_input, 1 + StateLength, sample);
            Keccak256.Hash(_input, 0, 1 + StateLength + 8, _state, 0);
            System.Array.Clear(_input, 0, _input.Length);
            Samples++;
        }

        public void Fill(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new System.ArgumentNullException("buffer");
            }
            if (offset < 0 || count < 0 || offset + count > buffer.Length)
            {
                throw new System.ArgumentOutOfRangeException("count", "offset and count must lie inside the buffer");
            }
            try
            {
                while (count > 0)
                {
                    System.Array.Copy(_state, 0, _input, 1, StateLength);
                    _source.Fill(_input, 1 + StateLength, StateLength);
                    WriteInt64(_input, 1 + 2 * StateLength, _counter++);
                    _input[0] = 0x00;
                    Keccak256.Hash(_input, 0, _input.Length, _block, 0);
                    _input[0] = 0x01;
                    Keccak256.Hash(_input, 0, 1 + 2 * StateLength, _state, 0);
                    int take = count < StateLength ? count : StateLength;
                    System.Array.Copy(_block, 0, buffer, offset, take);
                    offset += take;
                    count -= take;
                }
            }
            finally
            {
                System.Array.Clear(_input, 0, _input.Length);
                System.Array.Clear(_block, 0, StateLength);
            }
        }

        private static void WriteInt64(byte[] buffer, int offset, long value)
        {
            for (int i = 0; i < 8; i++)
            {
                buffer[offset + i] = (byte)(value >> (8 * i));
            }
        }
    }
}
