namespace Dimo.Core.Dongle
{
    /// <summary>
    /// The reason for a reboot the app makes on purpose, kept in a small file so the next boot can send it
    /// (<see cref="RebootReason"/>). Written just before the reboot, taken (read and deleted) once at boot. A write
    /// cut by power loss leaves a prefix of the name at worst, which <see cref="Take"/> refuses rather than sends
    /// (the record ends in a newline to tell complete from cut).
    /// </summary>
    public sealed class RebootRecord
    {
        private const string FileName = "reboot";
        private const int MaxLength = 32;

        private readonly IFileStore _files;

        public RebootRecord(IFileStore files)
        {
            if (files == null)
            {
                throw new System.ArgumentNullException("files");
            }
            _files = files;
        }

        /// <summary>Records <paramref name="reason"/> (ASCII, at most 31 characters) for the next boot.</summary>
        public void Save(string reason)
        {
            if (reason == null || reason.Length == 0 || reason.Length >= MaxLength)
            {
                throw new System.ArgumentException("a reboot reason is 1 to 31 ASCII characters", "reason");
            }
            byte[] bytes = new byte[reason.Length + 1];
            for (int i = 0; i < reason.Length; i++)
            {
                char c = reason[i];
                if (c < 0x21 || c > 0x7E)
                {
                    throw new System.ArgumentException("a reboot reason is 1 to 31 ASCII characters", "reason");
                }
                bytes[i] = (byte)c;
            }
            bytes[reason.Length] = (byte)'\n';
            _files.Delete(FileName);
            _files.Append(FileName, bytes, 0, bytes.Length);
        }

        /// <summary>The reason recorded before this boot, or null; the record is gone afterwards.</summary>
        public string Take()
        {
            int length = _files.Length(FileName);
            if (length < 0)
            {
                return null;
            }
            byte[] bytes = new byte[length < MaxLength ? length : MaxLength];
            int read = _files.Read(FileName, 0, bytes, 0, bytes.Length);
            _files.Delete(FileName);
            if (read < 2 || bytes[read - 1] != (byte)'\n')
            {
                return null;
            }
            char[] chars = new char[read - 1];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)bytes[i];
            }
            return new string(chars);
        }
    }
}
