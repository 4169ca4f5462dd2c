namespace Dimo.Core.Dongle.Config
{
    /// <summary>
    /// Byte layout of the message the ingestor publishes, retained, on a device's config topic (shared/docs/config.md
    /// describes it in full). Integers little-endian:
    /// <code>
    /// "DCFG" | format 1 | flags | version u32 | template length u16 | template (UTF-8 text of PollTemplate)
    ///        | [flag HasTable: table length u16 | compiled decoder table | 65-byte EIP-191 signature of the table]
    /// </code>
    /// The template text is the one <see cref="Dimo.Core.Obd.PollTemplate.Parse"/> reads; the signature is the
    /// operator's personal_sign of the table bytes, checked on the dongle against the operator address it trusts.
    /// </summary>
    public static class DeviceConfigFormat
    {
        public const byte Magic0 = (byte)'D';
        public const byte Magic1 = (byte)'C';
        public const byte Magic2 = (byte)'F';
        public const byte Magic3 = (byte)'G';
        public const byte FormatVersion = 1;

        public const int HeaderSize = 12;
        public const int SignatureLength = 65;

        /// <summary>Flags: a decoder table and its signature follow the template.</summary>
        public const byte FlagHasTable = 1;

        /// <summary>The longest template text (about 60 entries): a template is polled from small fixed arrays.</summary>
        public const int MaxTemplateBytes = 1024;

        /// <summary>
        /// The largest decoder table a config may carry, from the device's heap budget (shared/docs/config.md, measured
        /// by tests/Dimo.DeviceCost): a table loads into about 2 bytes of live heap per byte (one signal per message is
        /// the worst case), and 3 KB of table keeps the dongle's live set under 32 KB; applying one allocates ~24 KB
        /// transiently beside the ~28 KB a running dongle holds. The Honda Civic table is 720 B.
        /// </summary>
        public const int MaxTableBytes = 3072;

        /// <summary>The longest whole message.</summary>
        public const int MaxMessageBytes = HeaderSize + 2 + MaxTemplateBytes + 2 + MaxTableBytes + SignatureLength;
    }
}
