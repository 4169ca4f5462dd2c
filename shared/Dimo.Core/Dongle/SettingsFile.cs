using System.Collections;

namespace Dimo.Core.Dongle
{
    /// <summary>
    /// The text format of the small files an owner puts on the dongle (<see cref="ConnectionSettings"/>,
    /// <see cref="ClaimRequest"/>): one <c>name=value</c> per line (LF or CRLF), spaces around both trimmed, <c>#</c>
    /// starting a comment line, blank lines ignored; a name given twice is an error, so is a line without <c>=</c>.
    /// </summary>
    public sealed class SettingsFile
    {
        private readonly ArrayList _names = new ArrayList();
        private readonly ArrayList _values = new ArrayList();
        private readonly ArrayList _lines = new ArrayList();

        private SettingsFile()
        {
        }

        public int Count
        {
            get { return _names.Count; }
        }

        public string Name(int index)
        {
            return (string)_names[index];
        }

        public string Value(int index)
        {
            return (string)_values[index];
        }

        /// <summary>The 1-based line the entry came from.</summary>
        public int Line(int index)
        {
            return (int)_lines[index];
        }

        public static SettingsFile Parse(string text)
        {
            if (text == null)
            {
                throw new System.ArgumentNullException("text");
            }
            SettingsFile file = new SettingsFile();
            string[] lines = text.Split(new char[] { '\n' });
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }
                int equals = line.IndexOf('=');
                if (equals <= 0)
                {
                    throw new SettingsFileException(i + 1, "expected name=value");
                }
                string name = line.Substring(0, equals).Trim();
                for (int j = 0; j < file._names.Count; j++)
                {
                    if (string.Equals((string)file._names[j], name))
                    {
                        throw new SettingsFileException(i + 1, name + " is already set on line " + file._lines[j]);
                    }
                }
                file._names.Add(name);
                file._values.Add(line.Substring(equals + 1).Trim());
                file._lines.Add(i + 1);
            }
            return file;
        }

        /// <summary>A 20-byte address (0x and 40 hex digits, checksummed or all one case), or the error naming the line.</summary>
        public byte[] Address(int index)
        {
            try
            {
                return Dimo.Core.Crypto.EthAddress.Parse(Value(index));
            }
            catch (System.Exception)
            {
                throw new SettingsFileException(Line(index), Name(index) + " is an address: 0x and 40 hex digits (checksummed or all one case)");
            }
        }

        /// <summary>A decimal number from <paramref name="min"/> to <paramref name="max"/>, or the error naming the line.</summary>
        public long Number(int index, long min, long max)
        {
            string value = Value(index);
            long number = 0;
            bool valid = value.Length > 0 && value.Length <= 18;
            for (int i = 0; valid && i < value.Length; i++)
            {
                char c = value[i];
                valid = c >= '0' && c <= '9';
                number = number * 10 + (c - '0');
            }
            if (!valid || number < min || number > max)
            {
                throw new SettingsFileException(Line(index), Name(index) + " is a number from " + min + " to " + max);
            }
            return number;
        }
    }
}
