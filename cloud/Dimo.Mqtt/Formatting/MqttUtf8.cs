using System.Text;
using System.Text.Unicode;
using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Formatting;

/// <summary>
/// MQTT's UTF-8 string rules (spec 1.5.4): well-formed UTF-8 (which also excludes encoded surrogates and
/// overlong forms), no U+0000, at most 65,535 bytes.
/// </summary>
public static class MqttUtf8
{
    public const int MaxByteLength = ushort.MaxValue;

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (!Utf8.IsValid(bytes))
            throw MqttProtocolException.Malformed("string is not well-formed UTF-8");
        if (bytes.IndexOf((byte)0) >= 0)
            throw MqttProtocolException.Malformed("string contains U+0000");
        return Strict.GetString(bytes);
    }

    /// <summary>Throws when <paramref name="text"/> could not be sent as an MQTT string.</summary>
    public static int Validate(string text)
    {
        int byteCount;
        try
        {
            byteCount = Strict.GetByteCount(text);
        }
        catch (EncoderFallbackException)
        {
            throw MqttProtocolException.Malformed("string contains an unpaired surrogate");
        }
        if (byteCount > MaxByteLength)
            throw MqttProtocolException.Malformed("string is longer than 65,535 bytes");
        if (text.Contains('\0'))
            throw MqttProtocolException.Malformed("string contains U+0000");
        return byteCount;
    }

    public static int GetBytes(string text, Span<byte> destination) => Strict.GetBytes(text, destination);
}
