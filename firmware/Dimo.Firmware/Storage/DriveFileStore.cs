using System.IO;
using Dimo.Core.Dongle;

namespace Dimo.Firmware.Storage
{
    /// <summary>
    /// The core's files on the ESP32's internal drive (<c>I:</c>, System.IO.FileSystem), in one folder. Each call
    /// opens and closes its file: closing commits littlefs's copy-on-write (an append is durable when
    /// <see cref="Append"/> returns, which the spool's "durable when this returns" needs), and no handle stays open
    /// across a power cut. The power-cut model is shared/docs/spool-on-flash.md.
    /// </summary>
    public sealed class DriveFileStore : IFileStore
    {
        private readonly string _folder;

        /// <summary>Files in <paramref name="folder"/> (e.g. <c>I:\dimo</c>), created if missing.</summary>
        public DriveFileStore(string folder)
        {
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder);
            }
            _folder = folder;
        }

        public int Length(string name)
        {
            string path = PathOf(name);
            if (!File.Exists(path))
            {
                return -1;
            }
            FileStream file = new FileStream(path, FileMode.Open, FileAccess.Read);
            try
            {
                return (int)file.Length;
            }
            finally
            {
                file.Close();
            }
        }

        public int Read(string name, int position, byte[] buffer, int offset, int count)
        {
            string path = PathOf(name);
            if (!File.Exists(path))
            {
                return 0;
            }
            FileStream file = new FileStream(path, FileMode.Open, FileAccess.Read);
            try
            {
                if (position >= file.Length)
                {
                    return 0;
                }
                file.Seek(position, SeekOrigin.Begin);
                int total = 0;
                while (total < count)
                {
                    int read = file.Read(buffer, offset + total, count - total);
                    if (read <= 0)
                    {
                        break;
                    }
                    total += read;
                }
                return total;
            }
            finally
            {
                file.Close();
            }
        }

        public void Append(string name, byte[] data, int offset, int count)
        {
            FileStream file = new FileStream(PathOf(name), FileMode.Append, FileAccess.Write);
            try
            {
                file.Write(data, offset, count);
                file.Flush();
            }
            finally
            {
                file.Close();
            }
        }

        public void Delete(string name)
        {
            string path = PathOf(name);
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }

        private string PathOf(string name)
        {
            return _folder + "\\" + name;
        }
    }
}
