using System.IO;
using Dimo.Core.Dongle.Config;

namespace Dimo.Firmware.Storage
{
    /// <summary>
    /// The core's <see cref="IConfigStorage"/> over files in one folder of the internal drive (<c>I:</c>): the applied
    /// config and its decoder tables (shared/docs/config.md). A write never leaves a mix of old and new: the new bytes go
    /// to <c>name.new</c> (a power cut there tears only that file, which is never read), the old file is renamed to
    /// <c>name.old</c>, the new one renamed into place, then the old one deleted. 1.x's <c>File.Move</c> has no
    /// overwrite, hence the detour; a cut between the two renames leaves only <c>name.old</c>, whole, and
    /// <see cref="Read"/> returns it. What it reads is checked again by the core (signature, checksum, records).
    /// </summary>
    public sealed class DriveConfigStorage : IConfigStorage
    {
        private const string NewSuffix = ".new";
        private const string OldSuffix = ".old";

        private readonly string _folder;

        /// <summary>Files in <paramref name="folder"/> (e.g. <c>I:\dimo-config</c>), created if missing.</summary>
        public DriveConfigStorage(string folder)
        {
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder);
            }
            _folder = folder;
        }

        public byte[] Read(string name)
        {
            string path = PathOf(name);
            if (File.Exists(path))
            {
                return File.ReadAllBytes(path);
            }
            string old = path + OldSuffix;
            return File.Exists(old) ? File.ReadAllBytes(old) : null;
        }

        public void Write(string name, byte[] data)
        {
            string path = PathOf(name);
            string fresh = path + NewSuffix;
            string old = path + OldSuffix;
            DeleteIfPresent(fresh);
            File.WriteAllBytes(fresh, data);
            if (File.Exists(path))
            {
                DeleteIfPresent(old);
                File.Move(path, old);
            }
            File.Move(fresh, path);
            DeleteIfPresent(old);
        }

        private static void DeleteIfPresent(string path)
        {
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
