namespace Dimo.Core.Dongle.Config
{
    /// <summary>Why a config message was not applied; the dongle counts each reason.</summary>
    public enum DeviceConfigError
    {
        None = 0,

        /// <summary>Not a config message of a known format (magic, format, lengths).</summary>
        Malformed = 1,

        /// <summary>The template text does not parse (<see cref="Dimo.Core.Obd.PollTemplate.Parse"/>).</summary>
        BadTemplate = 2,

        /// <summary>The decoder table is larger than <see cref="DeviceConfigFormat.MaxTableBytes"/>.</summary>
        TableTooBig = 3,

        /// <summary>The table's signature is malformed or not the trusted operator's.</summary>
        BadSignature = 4,

        /// <summary>The table is signed but does not load (<see cref="Dimo.Core.Can.DecoderTable.Load"/>).</summary>
        BadTable = 5,

        Count = 6,
    }
}
