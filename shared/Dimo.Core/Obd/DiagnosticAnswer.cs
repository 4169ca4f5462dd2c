using Dimo.Core.Obd.IsoTp;

namespace Dimo.Core.Obd
{
    /// <summary>
    /// Reading the service layer of an answer: a positive answer repeats the service id plus 0x40, a negative
    /// one is <c>7F &lt;service&gt; &lt;code&gt;</c> (ISO 14229 / SAE J1979).
    /// </summary>
    public static class DiagnosticAnswer
    {
        public const byte NegativeResponse = 0x7F;

        /// <summary>Index of the first positive answer to <paramref name="service"/> whose bytes after the service id start with <paramref name="echo"/>, or -1.</summary>
        public static int FindPositive(IsoTpResponses responses, int service, byte[] echo, int echoLength)
        {
            for (int i = 0; i < responses.Count; i++)
            {
                if (IsPositive(responses.Data(i), responses.Length(i), service, echo, echoLength))
                {
                    return i;
                }
            }
            return -1;
        }

        public static bool IsPositive(byte[] data, int length, int service, byte[] echo, int echoLength)
        {
            if (length < 1 + echoLength || data[0] != (byte)(service + 0x40))
            {
                return false;
            }
            for (int i = 0; i < echoLength; i++)
            {
                if (data[1 + i] != echo[i])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>True when any answer is a negative response to <paramref name="service"/>.</summary>
        public static bool AnyNegative(IsoTpResponses responses, int service)
        {
            for (int i = 0; i < responses.Count; i++)
            {
                byte[] data = responses.Data(i);
                if (responses.Length(i) >= 3 && data[0] == NegativeResponse && data[1] == (byte)service)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
