namespace Dimo.Core.Obd.IsoTp
{
    /// <summary>
    /// Encoding of the ISO 15765-2 protocol control information on classic 8-byte CAN frames. Every
    /// writer fills the caller's <see cref="Dimo.Core.Can.CanFrame"/> in place, so sending allocates nothing.
    /// </summary>
    public static class IsoTpFrames
    {
        /// <summary>Payload bytes a single frame carries.</summary>
        public const int SingleFrameCapacity = 7;

        /// <summary>Payload bytes in a first frame.</summary>
        public const int FirstFrameCapacity = 6;

        /// <summary>Payload bytes in a consecutive frame.</summary>
        public const int ConsecutiveFrameCapacity = 7;

        /// <summary>The largest length a classic first frame can announce (12 bits).</summary>
        public const int MaxMessageLength = 4095;

        public static IsoTpFrameType TypeOf(Can.CanFrame frame)
        {
            return (IsoTpFrameType)(frame.Data[0] >> 4);
        }

        public static void WriteSingle(Can.CanFrame frame, uint id, bool isExtended, byte[] data, int offset, int length, int paddingByte)
        {
            frame.Data[0] = (byte)length;
            System.Array.Copy(data, offset, frame.Data, 1, length);
            Finish(frame, id, isExtended, 1 + length, paddingByte);
        }

        public static void WriteFirst(Can.CanFrame frame, uint id, bool isExtended, byte[] data, int offset, int totalLength, int paddingByte)
        {
            frame.Data[0] = (byte)(0x10 | (totalLength >> 8));
            frame.Data[1] = (byte)totalLength;
            System.Array.Copy(data, offset, frame.Data, 2, FirstFrameCapacity);
            Finish(frame, id, isExtended, 8, paddingByte);
        }

        public static void WriteConsecutive(Can.CanFrame frame, uint id, bool isExtended, int sequenceNumber, byte[] data, int offset, int length, int paddingByte)
        {
            frame.Data[0] = (byte)(0x20 | (sequenceNumber & 0x0F));
            System.Array.Copy(data, offset, frame.Data, 1, length);
            Finish(frame, id, isExtended, 1 + length, paddingByte);
        }

        public static void WriteFlowControl(Can.CanFrame frame, uint id, bool isExtended, FlowStatus status, int blockSize, int separationTimeCode, int paddingByte)
        {
            frame.Data[0] = (byte)(0x30 | (int)status);
            frame.Data[1] = (byte)blockSize;
            frame.Data[2] = (byte)separationTimeCode;
            Finish(frame, id, isExtended, 3, paddingByte);
        }

        /// <summary>
        /// Microseconds to wait between consecutive frames for an STmin code. Reserved codes are read as
        /// 0x7F (127 ms), as ISO 15765-2 tells a sender to do.
        /// </summary>
        public static int SeparationTimeMicroseconds(int code)
        {
            if (code >= 0 && code <= 0x7F)
            {
                return code * 1000;
            }
            if (code >= 0xF1 && code <= 0xF9)
            {
                return (code - 0xF0) * 100;
            }
            return 127000;
        }

        /// <summary>
        /// Whole milliseconds a sender with a millisecond timer waits for an STmin code: sub-millisecond
        /// codes round up to 1 ms, which keeps the minimum separation.
        /// </summary>
        public static int SeparationTimeMilliseconds(int code)
        {
            return (SeparationTimeMicroseconds(code) + 999) / 1000;
        }

        private static void Finish(Can.CanFrame frame, uint id, bool isExtended, int used, int paddingByte)
        {
            frame.Id = id;
            frame.IsExtended = isExtended;
            if (paddingByte < 0)
            {
                frame.Length = used;
                return;
            }
            for (int i = used; i < 8; i++)
            {
                frame.Data[i] = (byte)paddingByte;
            }
            frame.Length = 8;
        }
    }
}
