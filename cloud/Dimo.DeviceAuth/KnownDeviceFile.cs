using Dimo.Core.DeviceContract;

namespace Dimo.DeviceAuth;

/// <summary>
/// A device registry kept in a text file (development and small deployments): one address per line, <c>0x</c> and
/// 40 hex digits in any case (checksummed addresses paste as they are); blank lines and text after <c>#</c> are ignored.
/// </summary>
public static class KnownDeviceFile
{
    /// <exception cref="FormatException">A line holds something other than one address; the message names file and line.</exception>
    public static KnownDeviceSet Load(string path)
    {
        using var reader = File.OpenText(path);
        return Read(reader, path);
    }

    /// <param name="source">Names the input in error messages.</param>
    public static KnownDeviceSet Read(TextReader reader, string source)
    {
        var devices = new KnownDeviceSet();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var comment = line.IndexOf('#');
            var text = (comment >= 0 ? line[..comment] : line).Trim();
            if (text.Length == 0)
                continue;
            var address = text.ToLowerInvariant();
            if (!DeviceAddress.IsCanonical(address))
                throw new FormatException(source + ":" + lineNumber + ": not a device address (0x and 40 hex digits): " + text);
            devices.Add(address);
        }
        return devices;
    }
}
