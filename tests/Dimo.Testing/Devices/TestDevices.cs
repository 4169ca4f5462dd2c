using Dimo.Core.Crypto;

namespace Dimo.Testing.Devices;

/// <summary>Fixed device keys, so failures reproduce (the MQTT interop tests and the device login tests share them).</summary>
public static class TestDevices
{
    public static readonly PrivateKey Alice = Key(0x11);
    public static readonly PrivateKey Bob = Key(0x22);
    public static readonly PrivateKey Mallory = Key(0x33);

    public static string Address(this PrivateKey key) => EthAddress.ToLowerString(key.Address);

    public static byte[] Utf8(this string text) => System.Text.Encoding.UTF8.GetBytes(text);

    private static PrivateKey Key(byte fill)
    {
        var bytes = new byte[PrivateKey.Length];
        Array.Fill(bytes, fill);
        return PrivateKey.FromBytes(bytes);
    }
}
