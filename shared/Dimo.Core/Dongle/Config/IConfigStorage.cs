namespace Dimo.Core.Dongle.Config
{
    /// <summary>
    /// Where the dongle keeps its applied config between boots: small named files (on the ESP32, files on the internal
    /// flash <c>I:</c>). <see cref="Write"/> replaces a file as a whole or not at all (the adapter writes a new file
    /// and renames it over the old one, which littlefs does atomically), so a power cut leaves the old or the new
    /// content, never a mix; readers still check what they read.
    /// </summary>
    public interface IConfigStorage
    {
        /// <summary>The file's bytes, or null when there is none.</summary>
        byte[] Read(string name);

        /// <summary>Replaces (or creates) the file.</summary>
        void Write(string name, byte[] data);
    }
}
