using System.Text;
using Dimo.Core.Crypto;

namespace Dimo.Core.Update
{
    /// <summary>
    /// What an app update contains: its version and, for each of the app's .pe files (the assemblies nanoFramework
    /// deploys), the file name, size and SHA-256. The text is ASCII, lines ending in LF:
    /// <code>
    /// dimo-update v1
    /// version 1.4.0
    /// file &lt;size&gt; &lt;sha256, 64 lowercase hex&gt; &lt;name.pe&gt;
    /// </code>
    /// one <c>file</c> line per .pe, names unique. These exact bytes are what the release key signs
    /// (<see cref="UpdatePackage"/>), so there is one way to write a manifest: <see cref="Write"/>.
    /// </summary>
    public sealed class UpdateManifest
    {
        public const string Header = "dimo-update v1";

        private readonly string[] _names;
        private readonly int[] _sizes;
        private readonly byte[][] _hashes;

        private UpdateManifest(string version, int major, int minor, int patch, string[] names, int[] sizes, byte[][] hashes)
        {
            Version = version;
            Major = major;
            Minor = minor;
            Patch = patch;
            _names = names;
            _sizes = sizes;
            _hashes = hashes;
        }

        /// <summary>major.minor.patch, as written.</summary>
        public string Version { get; private set; }
        public int Major { get; private set; }
        public int Minor { get; private set; }
        public int Patch { get; private set; }

        public int FileCount
        {
            get { return _names.Length; }
        }

        public string FileName(int index)
        {
            return _names[index];
        }

        public int FileSize(int index)
        {
            return _sizes[index];
        }

        /// <summary>The file's SHA-256; a copy.</summary>
        public byte[] FileSha256(int index)
        {
            byte[] copy = new byte[Sha256.HashLength];
            System.Array.Copy(_hashes[index], copy, Sha256.HashLength);
            return copy;
        }

        /// <summary>The index of the file called <paramref name="name"/>, or -1.</summary>
        public int IndexOf(string name)
        {
            for (int i = 0; i < _names.Length; i++)
            {
                if (string.Equals(_names[i], name))
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>True when this version is above <paramref name="version"/> (major.minor.patch); false for a malformed one.</summary>
        public bool IsNewerThan(string version)
        {
            int major, minor, patch;
            if (!TryParseVersion(version, out major, out minor, out patch))
            {
                return false;
            }
            if (Major != major)
            {
                return Major > major;
            }
            if (Minor != minor)
            {
                return Minor > minor;
            }
            return Patch > patch;
        }

        /// <summary>The manifest's bytes for these files; names must end in .pe, be unique and hold no spaces.</summary>
        public static byte[] Write(string version, string[] names, byte[][] contents)
        {
            if (version == null || names == null || contents == null)
            {
                throw new System.ArgumentNullException(version == null ? "version" : names == null ? "names" : "contents");
            }
            int major, minor, patch;
            if (!TryParseVersion(version, out major, out minor, out patch))
            {
                throw new System.ArgumentException("the version is major.minor.patch, e.g. 1.4.0", "version");
            }
            if (names.Length == 0 || names.Length != contents.Length)
            {
                throw new System.ArgumentException("an update holds at least one .pe file, each with its content", "names");
            }
            StringBuilder text = new StringBuilder();
            text.Append(Header).Append('\n');
            text.Append("version ").Append(version).Append('\n');
            for (int i = 0; i < names.Length; i++)
            {
                CheckName(names[i]);
                for (int j = 0; j < i; j++)
                {
                    if (string.Equals(names[j], names[i]))
                    {
                        throw new System.ArgumentException("the file " + names[i] + " is listed twice", "names");
                    }
                }
                text.Append("file ").Append(contents[i].Length.ToString()).Append(' ')
                    .Append(Hex.Encode(Sha256.Hash(contents[i], 0, contents[i].Length))).Append(' ')
                    .Append(names[i]).Append('\n');
            }
            return Encoding.UTF8.GetBytes(text.ToString());
        }

        /// <summary>Reads a manifest; <see cref="UpdateRejectedException"/> (<see cref="UpdateRejection.MalformedManifest"/>) names the fault.</summary>
        public static UpdateManifest Parse(byte[] manifest)
        {
            if (manifest == null)
            {
                throw new System.ArgumentNullException("manifest");
            }
            for (int i = 0; i < manifest.Length; i++)
            {
                if (manifest[i] > 0x7E || (manifest[i] < 0x20 && manifest[i] != (byte)'\n'))
                {
                    throw Malformed("byte " + i + " is not printable ASCII");
                }
            }
            string text = Encoding.UTF8.GetString(manifest, 0, manifest.Length);
            if (text.Length == 0 || text[text.Length - 1] != '\n')
            {
                throw Malformed("the manifest does not end with a line feed");
            }
            string[] lines = text.Substring(0, text.Length - 1).Split(new char[] { '\n' });
            if (lines.Length < 3 || !string.Equals(lines[0], Header))
            {
                throw Malformed("the manifest starts with '" + Header + "', a version line and at least one file line");
            }
            int major, minor, patch;
            if (!lines[1].StartsWith("version ") || !TryParseVersion(lines[1].Substring(8), out major, out minor, out patch))
            {
                throw Malformed("line 2 is 'version major.minor.patch'");
            }
            int count = lines.Length - 2;
            string[] names = new string[count];
            int[] sizes = new int[count];
            byte[][] hashes = new byte[count][];
            for (int i = 0; i < count; i++)
            {
                string[] fields = lines[i + 2].Split(new char[] { ' ' });
                int size;
                if (fields.Length != 4 || !string.Equals(fields[0], "file") || !TryParseSize(fields[1], out size) || !IsLowercaseHex(fields[2], 2 * Sha256.HashLength)
                    || !IsPeName(fields[3]))
                {
                    throw Malformed("line " + (i + 3) + " is 'file <size> <sha256 hex> <name.pe>'");
                }
                for (int j = 0; j < i; j++)
                {
                    if (string.Equals(names[j], fields[3]))
                    {
                        throw Malformed("the file " + fields[3] + " is listed twice");
                    }
                }
                names[i] = fields[3];
                sizes[i] = size;
                hashes[i] = Hex.Decode(fields[2]);
            }
            return new UpdateManifest(lines[1].Substring(8), major, minor, patch, names, sizes, hashes);
        }

        private static UpdateRejectedException Malformed(string message)
        {
            return new UpdateRejectedException(UpdateRejection.MalformedManifest, message);
        }

        private static void CheckName(string name)
        {
            if (!IsPeName(name))
            {
                throw new System.ArgumentException("'" + name + "' is not a .pe file name (no spaces or path)", "names");
            }
        }

        private static bool IsPeName(string name)
        {
            if (name == null || name.Length < 4 || !name.EndsWith(".pe"))
            {
                return false;
            }
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (c <= ' ' || c > '~' || c == '/' || c == '\\' || c == ':')
                {
                    return false;
                }
            }
            return true;
        }

        private static bool TryParseVersion(string text, out int major, out int minor, out int patch)
        {
            major = minor = patch = 0;
            if (text == null)
            {
                return false;
            }
            string[] parts = text.Split(new char[] { '.' });
            return parts.Length == 3 && TryParseSize(parts[0], out major) && TryParseSize(parts[1], out minor) && TryParseSize(parts[2], out patch);
        }

        /// <summary>A decimal number of 1 to 9 digits, no sign, no leading zero (so one number has one spelling).</summary>
        private static bool TryParseSize(string text, out int value)
        {
            value = 0;
            if (text.Length == 0 || text.Length > 9 || (text.Length > 1 && text[0] == '0'))
            {
                return false;
            }
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }
                value = value * 10 + (c - '0');
            }
            return true;
        }

        private static bool IsLowercaseHex(string text, int length)
        {
            if (text.Length != length)
            {
                return false;
            }
            for (int i = 0; i < length; i++)
            {
                char c = text[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
                {
                    return false;
                }
            }
            return true;
        }
    }
}
