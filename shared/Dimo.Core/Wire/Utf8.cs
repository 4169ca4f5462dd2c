namespace Dimo.Core.Wire
{
    /// <summary>
    /// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. Written out here
    /// because the device's encoder is not documented to reject bad input, and both ends must agree exactly.
    /// </summary>
    public static class Utf8
    {
        /// <summary>
        /// Encodes <paramref name="text"/> at <paramref name="offset"/> and returns the byte count, or -1 if the
        /// string holds a lone surrogate. With a null <paramref name="buffer"/> it only counts.
        /// </summary>
        public static int Encode(string text, byte[] buffer, int offset)
        {
            int start = offset;
            int length = text.Length;
            for (int i = 0; i < length; i++)
            {
                int c = text[i];
                if (c < 0x80)
                {
                    Put(buffer, offset++, c);
                }
                else if (c < 0x800)
                {
                    Put(buffer, offset++, 0xC0 | (c >> 6));
                    Put(buffer, offset++, 0x80 | (c & 0x3F));
                }
                else if (c >= 0xD800 && c <= 0xDFFF)
                {
                    if (c > 0xDBFF || i + 1 >= length)
                    {
                        return -1;
                    }
                    int low = text[i + 1];
                    if (low < 0xDC00 || low > 0xDFFF)
                    {
                        return -1;
                    }
                    i++;
                    int code = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                    Put(buffer, offset++, 0xF0 | (code >> 18));
                    Put(buffer, offset++, 0x80 | ((code >> 12) & 0x3F));
                    Put(buffer, offset++, 0x80 | ((code >> 6) & 0x3F));
                    Put(buffer, offset++, 0x80 | (code & 0x3F));
                }
                else
                {
                    Put(buffer, offset++, 0xE0 | (c >> 12));
                    Put(buffer, offset++, 0x80 | ((c >> 6) & 0x3F));
                    Put(buffer, offset++, 0x80 | (c & 0x3F));
                }
            }
            return offset - start;
        }

        /// <summary>True when the bytes are well-formed UTF-8.</summary>
        public static bool IsValid(byte[] data, int offset, int count)
        {
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                int b = data[i];
                if (b < 0x80)
                {
                    i++;
                    continue;
                }
                int continuations;
                int secondLow = 0x80;
                int secondHigh = 0xBF;
                if (b >= 0xC2 && b <= 0xDF)
                {
                    continuations = 1;
                }
                else if (b >= 0xE0 && b <= 0xEF)
                {
                    continuations = 2;
                    if (b == 0xE0)
                    {
                        secondLow = 0xA0; // below is overlong
                    }
                    else if (b == 0xED)
                    {
                        secondHigh = 0x9F; // above is a surrogate
                    }
                }
                else if (b >= 0xF0 && b <= 0xF4)
                {
                    continuations = 3;
                    if (b == 0xF0)
                    {
                        secondLow = 0x90; // below is overlong
                    }
                    else if (b == 0xF4)
                    {
                        secondHigh = 0x8F; // above is beyond U+10FFFF
                    }
                }
                else
                {
                    return false;
                }
                if (end - i <= continuations)
                {
                    return false;
                }
                int second = data[i + 1];
                if (second < secondLow || second > secondHigh)
                {
                    return false;
                }
                for (int k = 2; k <= continuations; k++)
                {
                    if ((data[i + k] & 0xC0) != 0x80)
                    {
                        return false;
                    }
                }
                i += continuations + 1;
            }
            return true;
        }

        private static void Put(byte[] buffer, int offset, int value)
        {
            if (buffer != null)
            {
                buffer[offset] = (byte)value;
            }
        }
    }
}
