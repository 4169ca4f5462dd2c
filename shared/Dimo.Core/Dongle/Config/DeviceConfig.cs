using Dimo.Core.Obd;

namespace Dimo.Core.Dongle.Config
{
    /// <summary>
    /// One config message as the ingestor publishes it (<see cref="DeviceConfigFormat"/>): a version, the poll
    /// template's text, and optionally a compiled decoder table with the operator's signature of it. Reading checks
    /// the framing only; what the parts mean (template syntax, signature, table) is checked by
    /// <see cref="ConfigApplier"/>, which knows whom to trust. The cloud writes messages with <see cref="Encode"/>.
    /// </summary>
    public sealed class DeviceConfig
    {
        public DeviceConfig(int version, string templateText, byte[] table, byte[] tableSignature)
        {
            if (version < 1)
            {
                throw new System.ArgumentOutOfRangeException("version", "a config version is at least 1");
            }
            if (templateText == null)
            {
                throw new System.ArgumentNullException("templateText");
            }
            if ((table == null) != (tableSignature == null))
            {
                throw new System.ArgumentException("a decoder table travels with its signature, and only with one");
            }
            Version = version;
            TemplateText = templateText;
            Table = table;
            TableSignature = tableSignature;
        }

        public int Version { get; private set; }

        /// <summary>The poll template in <see cref="PollTemplate.Parse"/>'s text form.</summary>
        public string TemplateText { get; private set; }

        /// <summary>A new compiled decoder table, or null to keep decoding with the one the dongle has.</summary>
        public byte[] Table { get; private set; }

        /// <summary>The operator's 65-byte EIP-191 signature of <see cref="Table"/>; null without a table.</summary>
        public byte[] TableSignature { get; private set; }

        /// <summary>The message's bytes; <see cref="DeviceConfigException"/> when a part is larger than the format allows.</summary>
        public byte[] Encode()
        {
            int templateLength = TemplateText.Length;
            if (templateLength > DeviceConfigFormat.MaxTemplateBytes)
            {
                throw new DeviceConfigException(DeviceConfigError.BadTemplate, "the template text is longer than " + DeviceConfigFormat.MaxTemplateBytes.ToString() + " bytes");
            }
            if (Table != null && Table.Length > DeviceConfigFormat.MaxTableBytes)
            {
                throw new DeviceConfigException(DeviceConfigError.TableTooBig, "the decoder table is " + Table.Length.ToString()
                    + " bytes; a config carries at most " + DeviceConfigFormat.MaxTableBytes.ToString());
            }
            if (TableSignature != null && TableSignature.Length != DeviceConfigFormat.SignatureLength)
            {
                throw new DeviceConfigException(DeviceConfigError.BadSignature, "a table signature is 65 bytes (r || s || v)");
            }
            int size = DeviceConfigFormat.HeaderSize + 2 + templateLength;
            if (Table != null)
            {
                size += 2 + Table.Length + DeviceConfigFormat.SignatureLength;
            }
            byte[] bytes = new byte[size];
            bytes[0] = DeviceConfigFormat.Magic0;
            bytes[1] = DeviceConfigFormat.Magic1;
            bytes[2] = DeviceConfigFormat.Magic2;
            bytes[3] = DeviceConfigFormat.Magic3;
            bytes[4] = DeviceConfigFormat.FormatVersion;
            bytes[5] = Table == null ? (byte)0 : DeviceConfigFormat.FlagHasTable;
            WriteUInt32(bytes, 6, (uint)Version);
            // bytes 10..11 are reserved (0).
            int pos = DeviceConfigFormat.HeaderSize;
            WriteUInt16(bytes, pos, templateLength);
            pos += 2;
            for (int i = 0; i < templateLength; i++)
            {
                char c = TemplateText[i];
                if (c >= 0x80)
                {
                    throw new DeviceConfigException(DeviceConfigError.BadTemplate, "the template text is ASCII");
                }
                bytes[pos++] = (byte)c;
            }
            if (Table != null)
            {
                WriteUInt16(bytes, pos, Table.Length);
                pos += 2;
                System.Array.Copy(Table, 0, bytes, pos, Table.Length);
                pos += Table.Length;
                System.Array.Copy(TableSignature, 0, bytes, pos, DeviceConfigFormat.SignatureLength);
            }
            return bytes;
        }

        /// <summary>Reads a message; <see cref="DeviceConfigException"/> (Malformed or TableTooBig) when its framing is wrong.</summary>
        public static DeviceConfig Decode(byte[] bytes)
        {
            if (bytes == null || bytes.Length < DeviceConfigFormat.HeaderSize + 2)
            {
                throw new DeviceConfigException(DeviceConfigError.Malformed, "too short for a config message");
            }
            if (bytes[0] != DeviceConfigFormat.Magic0 || bytes[1] != DeviceConfigFormat.Magic1
                || bytes[2] != DeviceConfigFormat.Magic2 || bytes[3] != DeviceConfigFormat.Magic3)
            {
                throw new DeviceConfigException(DeviceConfigError.Malformed, "not a config message (bad magic)");
            }
            if (bytes[4] != DeviceConfigFormat.FormatVersion)
            {
                throw new DeviceConfigException(DeviceConfigError.Malformed, "unsupported config format " + bytes[4].ToString());
            }
            uint version = ReadUInt32(bytes, 6);
            if (version < 1 || version > int.MaxValue)
            {
                throw new DeviceConfigException(DeviceConfigError.Malformed, "config version out of range");
            }
            int pos = DeviceConfigFormat.HeaderSize;
            int templateLength = ReadUInt16(bytes, pos);
            pos += 2;
            if (templateLength > DeviceConfigFormat.MaxTemplateBytes || pos + templateLength > bytes.Length)
            {
                throw new DeviceConfigException(DeviceConfigError.Malformed, "template length out of range");
            }
            char[] text = new char[templateLength];
            for (int i = 0; i < templateLength; i++)
            {
                byte b = bytes[pos + i];
                if (b >= 0x80)
                {
                    throw new DeviceConfigException(DeviceConfigError.Malformed, "the template text is not ASCII");
                }
                text[i] = (char)b;
            }
            pos += templateLength;
            byte[] table = null;
            byte[] signature = null;
            if ((bytes[5] & DeviceConfigFormat.FlagHasTable) != 0)
            {
                if (pos + 2 > bytes.Length)
                {
                    throw new DeviceConfigException(DeviceConfigError.Malformed, "table length missing");
                }
                int tableLength = ReadUInt16(bytes, pos);
                pos += 2;
                if (tableLength > DeviceConfigFormat.MaxTableBytes)
                {
                    // Refused before anything is copied: the device reads no more than its budget allows.
                    throw new DeviceConfigException(DeviceConfigError.TableTooBig, "the decoder table is " + tableLength.ToString()
                        + " bytes; a config carries at most " + DeviceConfigFormat.MaxTableBytes.ToString());
                }
                if (pos + tableLength + DeviceConfigFormat.SignatureLength != bytes.Length)
                {
                    throw new DeviceConfigException(DeviceConfigError.Malformed, "table and signature do not fill the message");
                }
                table = new byte[tableLength];
                System.Array.Copy(bytes, pos, table, 0, tableLength);
                pos += tableLength;
                signature = new byte[DeviceConfigFormat.SignatureLength];
                System.Array.Copy(bytes, pos, signature, 0, DeviceConfigFormat.SignatureLength);
            }
            else if (pos != bytes.Length)
            {
                throw new DeviceConfigException(DeviceConfigError.Malformed, "bytes after the template");
            }
            return new DeviceConfig((int)version, new string(text), table, signature);
        }

        private static void WriteUInt16(byte[] bytes, int pos, int value)
        {
            bytes[pos] = (byte)value;
            bytes[pos + 1] = (byte)(value >> 8);
        }

        private static void WriteUInt32(byte[] bytes, int pos, uint value)
        {
            bytes[pos] = (byte)value;
            bytes[pos + 1] = (byte)(value >> 8);
            bytes[pos + 2] = (byte)(value >> 16);
            bytes[pos + 3] = (byte)(value >> 24);
        }

        private static int ReadUInt16(byte[] bytes, int pos)
        {
            return bytes[pos] | (bytes[pos + 1] << 8);
        }

        private static uint ReadUInt32(byte[] bytes, int pos)
        {
            return (uint)(bytes[pos] | (bytes[pos + 1] << 8) | (bytes[pos + 2] << 16) | (bytes[pos + 3] << 24));
        }
    }
}
