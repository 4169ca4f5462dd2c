using Dimo.Core.Can;

namespace Dimo.Core.Tests.Obd.IsoTp;

internal static class IsoTpFrameBuilder
{
    public static CanFrame Frame(uint id, params byte[] data)
    {
        var frame = new CanFrame();
        frame.Set(id, id > 0x7FF, data, 0, data.Length);
        return frame;
    }

    public static byte[] Message(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 7 + 3)).ToArray();
}
