using Dimo.Core.Obd.IsoTp;

namespace Dimo.Core.Obd
{
    /// <summary>
    /// Reads the VIN: first with service 09 PID 02 (a multi-frame answer <c>49 02 01</c> + 17 characters), and
    /// when no ECU gives an acceptable VIN that way, with UDS ReadDataByIdentifier F190 (<c>62 F1 90</c> + 17
    /// characters). A VIN is accepted only if <see cref="Vin.Validate"/> accepts it.
    /// </summary>
    public sealed class VinReader
    {
        private static readonly byte[] Service09Request = new byte[] { 0x09, 0x02 };
        private static readonly byte[] Service09Echo = new byte[] { 0x02 };
        private static readonly byte[] UdsRequest = new byte[] { 0x22, 0xF1, 0x90 };
        private static readonly byte[] UdsEcho = new byte[] { 0xF1, 0x90 };

        private readonly IsoTpClient _client;

        public VinReader(IsoTpClient client)
        {
            _client = client;
        }

        /// <summary>Where the last VIN came from (None when the last read found none).</summary>
        public VinSource Source { get; private set; }

        /// <summary>The verdict on the last VIN seen; WrongLength when no ECU answered at all.</summary>
        public VinValidity Validity { get; private set; }

        /// <summary>The VIN, or null when neither service gave an acceptable one.</summary>
        public string Read()
        {
            Source = VinSource.None;
            Validity = VinValidity.WrongLength;
            string vin = Ask(Service09Request, 0x09, Service09Echo);
            if (vin != null)
            {
                Source = VinSource.Service09;
                return vin;
            }
            vin = Ask(UdsRequest, 0x22, UdsEcho);
            if (vin != null)
            {
                Source = VinSource.UdsF190;
            }
            return vin;
        }

        private string Ask(byte[] request, int service, byte[] echo)
        {
            IsoTpResponses responses = _client.RequestFunctional(request, 0, request.Length);
            for (int i = 0; i < responses.Count; i++)
            {
                byte[] data = responses.Data(i);
                int length = responses.Length(i);
                if (!DiagnosticAnswer.IsPositive(data, length, service, echo, echo.Length))
                {
                    continue;
                }
                string vin = Characters(data, 1 + echo.Length, length);
                Validity = Vin.Validate(vin);
                if (Vin.IsAcceptable(Validity))
                {
                    return vin;
                }
            }
            return null;
        }

        /// <summary>
        /// The last 17 bytes as text. Service 09 puts a one-byte item count before the characters, and some
        /// ECUs pad a short VIN with leading zero bytes, so the VIN is taken from the end of the answer.
        /// </summary>
        private static string Characters(byte[] data, int start, int end)
        {
            int first = end - Vin.Length;
            if (first < start)
            {
                first = start;
            }
            char[] text = new char[end - first];
            for (int i = first; i < end; i++)
            {
                text[i - first] = (char)data[i];
            }
            return new string(text);
        }
    }
}
