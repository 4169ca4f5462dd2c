using Dimo.Core.Wire;

namespace Dimo.Core.Tests.Wire;

/// <summary>Shorthands for the reader, so each test states only the bytes and the outcome.</summary>
internal static class Read
{
    public static Batch Body(byte[] body) => new BatchReader().ReadBody(body, 0, body.Length);

    public static BatchFormatException Rejection(byte[] body) =>
        Assert.Throws<BatchFormatException>(() => Body(body));
}
