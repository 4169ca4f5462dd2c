using Dimo.Core.Can;
using Dimo.Core.Crypto;
using Dimo.Core.Obd;

namespace Dimo.Core.Dongle.Config
{
    /// <summary>
    /// Decides which config the dongle runs. <see cref="Restore"/> at boot reads what was applied before from
    /// <see cref="IConfigStorage"/>; <see cref="Apply"/> takes a message from the config topic: a version not newer
    /// than <see cref="Version"/> is ignored, a newer one is applied only when everything in it is valid: its
    /// template parses, and a decoder table it carries is at most <see cref="DeviceConfigFormat.MaxTableBytes"/>,
    /// signed (EIP-191 of the table bytes) by the trusted operator address, and loads. Otherwise the message is
    /// rejected as a whole, counted by reason, and the dongle keeps its last good template and table.
    /// <para>
    /// Files: <see cref="ConfigFile"/> (version and template), <see cref="TableFile"/> (the message that brought the
    /// table in use, as received: no copy is made to store it) and <see cref="PreviousTableFile"/> (the one before). A table file is checked again at every boot (signature
    /// and load); when it is damaged the previous one is used, and without either the firmware's built-in table.
    /// </para>
    /// </summary>
    public sealed class ConfigApplier
    {
        public const string ConfigFile = "config.bin";
        public const string TableFile = "table.bin";
        public const string PreviousTableFile = "table-previous.bin";

        private readonly IConfigStorage _storage;
        private readonly byte[] _trustedSigner;
        private readonly int[] _rejections = new int[(int)DeviceConfigError.Count];
        private SignatureRecovery _recovery;

        /// <summary>
        /// <paramref name="trustedSigner"/> is the operator's 20-byte address whose signature a decoder table needs (null:
        /// no table is accepted); <paramref name="builtInTemplate"/> and <paramref name="builtInTable"/> (either may be
        /// null) are what the firmware runs before any config (version 0).
        /// </summary>
        public ConfigApplier(IConfigStorage storage, byte[] trustedSigner, PollTemplate builtInTemplate, DecoderTable builtInTable)
        {
            if (storage == null)
            {
                throw new System.ArgumentNullException("storage");
            }
            if (trustedSigner != null && trustedSigner.Length != EthAddress.Length)
            {
                throw new System.ArgumentException("the trusted signer is a 20-byte address", "trustedSigner");
            }
            _storage = storage;
            _trustedSigner = trustedSigner;
            Template = builtInTemplate;
            Table = builtInTable;
        }

        /// <summary>The config version running: 0 until a config has been applied. The dongle reports it.</summary>
        public int Version { get; private set; }

        /// <summary>The poll template in use (null when the dongle does not poll and no config set one).</summary>
        public PollTemplate Template { get; private set; }

        public string TemplateText { get; private set; }

        /// <summary>The decoder table in use (null when there is none).</summary>
        public DecoderTable Table { get; private set; }

        /// <summary>True when <see cref="Restore"/> found the stored table damaged and fell back to an older one.</summary>
        public bool TableFellBack { get; private set; }

        /// <summary>Whether the last applied message changed the template or the table (so the loop rebuilds that part).</summary>
        public bool TemplateChanged { get; private set; }

        public bool TableChanged { get; private set; }

        public int Applied { get; private set; }

        public int Ignored { get; private set; }

        public DeviceConfigError LastError { get; private set; }

        public string LastErrorMessage { get; private set; }

        /// <summary>Messages rejected for this reason.</summary>
        public int Rejections(DeviceConfigError reason)
        {
            return _rejections[(int)reason];
        }

        /// <summary>Loads what an earlier boot applied; damaged files are skipped (the built-ins or an older table stay).</summary>
        public void Restore()
        {
            byte[] configBytes = _storage.Read(ConfigFile);
            if (configBytes != null)
            {
                try
                {
                    DeviceConfig config = DeviceConfig.Decode(configBytes);
                    Template = PollTemplate.Parse(config.TemplateText);
                    TemplateText = config.TemplateText;
                    Version = config.Version;
                }
                catch (DeviceConfigException)
                {
                }
                catch (System.FormatException)
                {
                }
            }
            DecoderTable table = LoadStoredTable(TableFile);
            if (table == null)
            {
                table = LoadStoredTable(PreviousTableFile);
                TableFellBack = table != null || _storage.Read(TableFile) != null;
            }
            if (table != null)
            {
                Table = table;
            }
        }

        /// <summary>Applies a newer valid message, ignores an older one, rejects an invalid one (see the class summary).</summary>
        public ConfigOutcome Apply(byte[] message)
        {
            TemplateChanged = false;
            TableChanged = false;
            DeviceConfig config;
            PollTemplate template;
            DecoderTable table = null;
            try
            {
                config = DeviceConfig.Decode(message);
                if (config.Version <= Version)
                {
                    Ignored++;
                    return ConfigOutcome.Ignored;
                }
                template = ParseTemplate(config.TemplateText);
                if (config.Table != null)
                {
                    table = Verify(config.Table, config.TableSignature, 0);
                }
            }
            catch (DeviceConfigException e)
            {
                _rejections[(int)e.Error]++;
                LastError = e.Error;
                LastErrorMessage = e.Message;
                return ConfigOutcome.Rejected;
            }

            if (table != null)
            {
                byte[] current = _storage.Read(TableFile);
                if (current != null)
                {
                    _storage.Write(PreviousTableFile, current);
                }
                _storage.Write(TableFile, message);
                Table = table;
                TableChanged = true;
                TableFellBack = false;
            }
            _storage.Write(ConfigFile, new DeviceConfig(config.Version, config.TemplateText, null, null).Encode());
            TemplateChanged = !string.Equals(config.TemplateText, TemplateText);
            Template = template;
            TemplateText = config.TemplateText;
            Version = config.Version;
            Applied++;
            return ConfigOutcome.Applied;
        }

        private static PollTemplate ParseTemplate(string text)
        {
            try
            {
                return PollTemplate.Parse(text);
            }
            catch (System.FormatException e)
            {
                throw new DeviceConfigException(DeviceConfigError.BadTemplate, e.Message);
            }
        }

        /// <summary>The table if its signature is the trusted operator's and it loads; else a <see cref="DeviceConfigException"/>.</summary>
        private DecoderTable Verify(byte[] table, byte[] signature, int signatureOffset)
        {
            if (table.Length > DeviceConfigFormat.MaxTableBytes)
            {
                throw new DeviceConfigException(DeviceConfigError.TableTooBig, "the decoder table is larger than " + DeviceConfigFormat.MaxTableBytes.ToString() + " bytes");
            }
            if (_trustedSigner == null)
            {
                throw new DeviceConfigException(DeviceConfigError.BadSignature, "this dongle trusts no operator address for decoder tables");
            }
            if (_recovery == null)
            {
                _recovery = new SignatureRecovery();
            }
            byte[] hash = Eip191.Hash(table, 0, table.Length);
            if (!_recovery.IsSignedBy(hash, signature, signatureOffset, _trustedSigner))
            {
                throw new DeviceConfigException(DeviceConfigError.BadSignature, "the decoder table is not signed by the trusted operator");
            }
            try
            {
                return DecoderTable.Load(table);
            }
            catch (DecoderTableException e)
            {
                throw new DeviceConfigException(DeviceConfigError.BadTable, "the decoder table does not load: " + e.Message);
            }
        }

        private DecoderTable LoadStoredTable(string name)
        {
            byte[] stored = _storage.Read(name);
            if (stored == null)
            {
                return null;
            }
            try
            {
                DeviceConfig config = DeviceConfig.Decode(stored);
                return config.Table == null ? null : Verify(config.Table, config.TableSignature, 0);
            }
            catch (DeviceConfigException)
            {
                return null;
            }
        }
    }
}
