using System.Collections;

namespace Dimo.Core.Dongle.Config
{
    /// <summary>Config files in memory: for tests and the simulator's dongles (the device's live on <c>I:</c>).</summary>
    public sealed class MemoryConfigStorage : IConfigStorage
    {
        private readonly Hashtable _files = new Hashtable();

        /// <summary>Writes so far: lets tests see that nothing was stored.</summary>
        public int Writes { get; private set; }

        public byte[] Read(string name)
        {
            byte[] data = (byte[])_files[name];
            return data == null ? null : Copy(data);
        }

        public void Write(string name, byte[] data)
        {
            _files[name] = Copy(data);
            Writes++;
        }

        private static byte[] Copy(byte[] data)
        {
            byte[] copy = new byte[data.Length];
            System.Array.Copy(data, copy, data.Length);
            return copy;
        }
    }
}
