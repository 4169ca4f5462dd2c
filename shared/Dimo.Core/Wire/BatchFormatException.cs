using System;

namespace Dimo.Core.Wire
{
    /// <summary>
    /// The one exception the batch reader throws for bad bytes, and the writer for readings it cannot encode.
    /// <see cref="Offset"/> is the byte offset inside the body where reading failed (0 = the magic byte),
    /// or -1 when the writer rejects its input.
    /// </summary>
    public sealed class BatchFormatException : Exception
    {
        public BatchFormatException(BatchFormatError reason, int offset, string detail)
            : base(Describe(reason, offset, detail))
        {
            Reason = reason;
            Offset = offset;
        }

        public BatchFormatError Reason { get; private set; }

        public int Offset { get; private set; }

        private static string Describe(BatchFormatError reason, int offset, string detail)
        {
            string where = offset >= 0 ? string.Concat(" at byte ", offset.ToString()) : "";
            return string.Concat(ReasonName(reason), where, ": ", detail);
        }

        // Enum.ToString() gives only the number on nanoFramework (nanoframework/Home#955), so the names are spelled out.
        private static string ReasonName(BatchFormatError reason)
        {
            switch (reason)
            {
                case BatchFormatError.Truncated: return nameof(BatchFormatError.Truncated);
                case BatchFormatError.TooLarge: return nameof(BatchFormatError.TooLarge);
                case BatchFormatError.BadMagic: return nameof(BatchFormatError.BadMagic);
                case BatchFormatError.UnsupportedVersion: return nameof(BatchFormatError.UnsupportedVersion);
                case BatchFormatError.NonCanonical: return nameof(BatchFormatError.NonCanonical);
                case BatchFormatError.UnknownSignal: return nameof(BatchFormatError.UnknownSignal);
                case BatchFormatError.BadText: return nameof(BatchFormatError.BadText);
                case BatchFormatError.OutOfRange: return nameof(BatchFormatError.OutOfRange);
                case BatchFormatError.TrailingBytes: return nameof(BatchFormatError.TrailingBytes);
                default: return nameof(BatchFormatError);
            }
        }
    }
}
