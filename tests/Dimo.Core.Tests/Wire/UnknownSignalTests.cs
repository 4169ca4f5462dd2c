using Dimo.Core.Signals;
using Dimo.Core.Wire;

namespace Dimo.Core.Tests.Wire;

public class UnknownSignalTests
{
    [Theory]
    [InlineData(0UL)]
    [InlineData(49UL)]
    [InlineData(64UL)]
    [InlineData(127UL)]
    [InlineData(65536UL + 1)]
    [InlineData(ulong.MaxValue)]
    public void A_signal_id_outside_the_catalog_is_rejected(ulong signalId)
    {
        Assert.Null(signalId <= ushort.MaxValue ? SignalCatalog.ById((int)signalId) : null);
        var body = BodyBuilder.Header().Varint(1).Varint(signalId).Varint(1).Varint(0).Signed(1).ToArray();

        var error = Read.Rejection(body);

        Assert.Equal(BatchFormatError.UnknownSignal, error.Reason);
        Assert.Equal(BodyBuilder.Header().Length + 1, error.Offset);
    }

    [Fact]
    public void Every_catalog_signal_is_accepted()
    {
        foreach (var signal in SignalCatalog.All)
        {
            var builder = BodyBuilder.Header().Varint(1).Varint(signal.Id).Varint(1).Varint(0);
            var body = signal.Kind == SignalKind.Text ? builder.Text("x"u8.ToArray()).ToArray() : builder.Signed(7).ToArray();

            Assert.Equal(signal.Id, Assert.Single(Read.Body(body).Readings).SignalId);
        }
    }
}
