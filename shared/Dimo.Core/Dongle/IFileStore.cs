namespace Dimo.Core.Dongle
{
    /// <summary>
    /// Named files, as nanoFramework 1.x offers them on the ESP32's internal drive (<c>I:</c>,
    /// System.IO.FileSystem) where raw flash is out of reach. The power-cut model the spool relies on
    /// (shared/docs/spool-on-flash.md): a file keeps every append that returned; an append cut by power loss may
    /// leave any prefix of its bytes (littlefs keeps none of them, other filesystems some); a delete is all or
    /// nothing. Names are short, flat and chosen by the core; the adapter maps them to paths.
    /// </summary>
    public interface IFileStore
    {
        /// <summary>The file's length in bytes, or -1 when it does not exist.</summary>
        int Length(string name);

        /// <summary>Reads up to <paramref name="count"/> bytes from <paramref name="position"/>; returns how many were read (0 past the end or without the file).</summary>
        int Read(string name, int position, byte[] buffer, int offset, int count);

        /// <summary>Appends to the file (creating it), durably: the bytes are on flash when this returns.</summary>
        void Append(string name, byte[] data, int offset, int count);

        /// <summary>Removes the file; nothing happens when it does not exist.</summary>
        void Delete(string name);
    }
}
