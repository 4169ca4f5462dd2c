using System.Collections;
using Dimo.Core.Obd.IsoTp;

namespace Dimo.Core.Obd
{
    /// <summary>
    /// Reads the confirmed trouble codes with service 03 from every ECU that answers. On CAN the answer is
    /// <c>43 &lt;count&gt;</c> followed by two bytes per code. The codes of all ECUs are merged without
    /// duplicates, in the order they arrived, into one comma-separated text such as <c>P0301,U0100</c>.
    /// </summary>
    public sealed class DtcReader
    {
        private static readonly byte[] Request = new byte[] { 0x03 };
        private static readonly byte[] NoEcho = new byte[0];

        private readonly IsoTpClient _client;
        private readonly ArrayList _codes = new ArrayList();

        public DtcReader(IsoTpClient client)
        {
            _client = client;
        }

        /// <summary>Codes found by the last read.</summary>
        public int CodeCount
        {
            get { return _codes.Count; }
        }

        public string Code(int index)
        {
            return (string)_codes[index];
        }

        /// <summary>The codes as comma-separated text ("" when none), or null when no ECU answered.</summary>
        public string Read()
        {
            _codes.Clear();
            IsoTpResponses responses = _client.RequestFunctional(Request, 0, Request.Length);
            bool answered = false;
            for (int i = 0; i < responses.Count; i++)
            {
                byte[] data = responses.Data(i);
                int length = responses.Length(i);
                if (!DiagnosticAnswer.IsPositive(data, length, 0x03, NoEcho, 0) || length < 2)
                {
                    continue;
                }
                answered = true;
                int count = data[1];
                for (int k = 0; k < count && 3 + 2 * k < length; k++)
                {
                    int high = data[2 + 2 * k];
                    int low = data[3 + 2 * k];
                    if (high == 0 && low == 0)
                    {
                        continue;
                    }
                    string code = DtcCode.Decode(high, low);
                    if (!_codes.Contains(code))
                    {
                        _codes.Add(code);
                    }
                }
            }
            return answered ? Text() : null;
        }

        private string Text()
        {
            System.Text.StringBuilder text = new System.Text.StringBuilder();
            for (int i = 0; i < _codes.Count; i++)
            {
                if (i > 0)
                {
                    text.Append(',');
                }
                text.Append((string)_codes[i]);
            }
            return text.ToString();
        }
    }
}
