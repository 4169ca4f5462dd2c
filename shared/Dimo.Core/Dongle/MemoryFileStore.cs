using System.Collections;

namespace Dimo.Core.Dongle
{
    /// <summary>
    /// Files in RAM, for virtual dongles and tests; contents last as long as the object, i.e. across simulated
    /// reboots. Appends are whole (no power cuts: a test wraps it to tear them).
    /// </summary>
    public sealed class MemoryFileStore : IFileStore
    {
        private readonly Hashtable _files = new Hashtable();

        public int Length(string name)
        {
            byte[] file = (byte[])_files[name];
            return file == null ? -1 : file.Length;
        }

        public int Read(string name, int position, byte[] buffer, int offset, int count)
        {
            byte[] file = (byte[])_files[name];
            if (file == null || position >= file.Length)
            {
                return 0;
            }
            int read = file.Length - position < count ? file.Length - position : count;
            System.Array.Copy(file, position, buffer, offset, read);
            return read;
        }

        public void Append(string name, byte[] data, int offset, int count)
        {
            byte[] file = (byte[])_files[name];
            int length = file == null ? 0 : file.Length;
            byte[] grown = new byte[length + count];
            if (file != null)
            {
                System.Array.Copy(file, grown, length);
            }
            System.Array.Copy(data, offset, grown, length, count);
            _files[name] = grown;
        }

        public void Delete(string name)
        {
            _files.Remove(name);
        }
    }
}
