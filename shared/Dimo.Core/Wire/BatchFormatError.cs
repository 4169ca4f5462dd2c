namespace Dimo.Core.Wire
{
    /// <summary>Why a batch body was rejected. Stable names: ingest keeps one counter per reason.</summary>
    public enum BatchFormatError
    {
        /// <summary>The data ends inside a field.</summary>
        Truncated = 1,

        /// <summary>Body above <see cref="WireFormat.MaxBodyLength"/> bytes or above <see cref="WireFormat.MaxReadings"/> readings.</summary>
        TooLarge = 2,

        /// <summary>The first byte is not <see cref="WireFormat.Magic"/>.</summary>
        BadMagic = 3,

        /// <summary>The version byte is not one this code reads.</summary>
        UnsupportedVersion = 4,

        /// <summary>Valid-looking data that is not the one canonical encoding: a non-minimal varint, groups or
        /// times not strictly ascending, a zero count, or a base time that is not the earliest reading.</summary>
        NonCanonical = 5,

        /// <summary>A signal id that the catalog does not hold, or a reading whose kind does not match its signal.</summary>
        UnknownSignal = 6,

        /// <summary>Text that is not well-formed UTF-8 (or, when writing, a string with a lone surrogate), or longer
        /// than <see cref="WireFormat.MaxTextLength"/> bytes.</summary>
        BadText = 7,

        /// <summary>A number outside its field's range: a varint above 64 bits, boot id or sequence above 32 bits,
        /// a time outside 0..2^53-1, a raw step count beyond ±(2^48-1), a value that is NaN or infinite.</summary>
        OutOfRange = 8,

        /// <summary>Bytes left over after the last group.</summary>
        TrailingBytes = 9,
    }
}
