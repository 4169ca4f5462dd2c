using System.Globalization;
using System.IO.Compression;
using System.Text;
using Dimo.Core.Signals;
using Dimo.Core.Wire;

namespace Dimo.Testing.Wire;

/// <summary>
/// The reference batch in the encodings shared/docs/wire-format.md compares: ours, and DIMO-style JSON
/// (an array of <c>{"timestamp":ms,"name":..,"value":..}</c>) as is, gzipped, and gzipped then base64.
/// </summary>
public static class ReferenceEncodings
{
    /// <summary>The readings as DIMO-style JSON, values at catalog resolution, in the order they were taken.</summary>
    public static string DimoJson(Reading[] readings)
    {
        var json = new StringBuilder("[");
        foreach (var reading in readings)
        {
            var signal = SignalCatalog.ById(reading.SignalId);
            if (json.Length > 1) json.Append(',');
            json.Append("{\"timestamp\":").Append(reading.Time.ToString(CultureInfo.InvariantCulture))
                .Append(",\"name\":\"").Append(signal.Name).Append("\",\"value\":")
                .Append(signal.ToValue(signal.ToRaw(reading.Value)).ToString("R", CultureInfo.InvariantCulture)).Append('}');
        }
        return json.Append(']').ToString();
    }

    public static byte[] Gzip(byte[] data)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }
        return compressed.ToArray();
    }
}
