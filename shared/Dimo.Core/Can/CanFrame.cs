namespace Dimo.Core.Can
{
    /// <summary>
    /// One CAN or CAN-FD frame. It is a reusable buffer rather than a value: the receive path fills the
    /// same instance frame after frame, so reading the bus allocates nothing.
    /// </summary>
    public sealed class CanFrame
    {
        /// <summary>The largest CAN-FD payload.</summary>
        public const int MaxLength = 64;

        private readonly byte[] _data = new byte[MaxLength];

        /// <summary>The identifier without any flag bits: 11 bits, or 29 bits when <see cref="IsExtended"/>.</summary>
        public uint Id;

        public bool IsExtended;

        /// <summary>Payload length in bytes (0-8 classic, up to 64 for CAN-FD).</summary>
        public int Length;

        /// <summary>Payload buffer of <see cref="MaxLength"/> bytes; only the first <see cref="Length"/> are valid.</summary>
        public byte[] Data
        {
            get { return _data; }
        }

        /// <summary>Copies an identifier and payload into this frame.</summary>
        public void Set(uint id, bool isExtended, byte[] data, int offset, int length)
        {
            if (length < 0 || length > MaxLength)
            {
                throw new System.ArgumentOutOfRangeException("length");
            }
            Id = id;
            IsExtended = isExtended;
            Length = length;
            System.Array.Copy(data, offset, _data, 0, length);
        }

        public void CopyTo(CanFrame other)
        {
            other.Set(Id, IsExtended, _data, 0, Length);
        }
    }
}
