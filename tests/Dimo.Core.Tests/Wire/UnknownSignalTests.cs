using Dimo.Core.Signals;
using Dimo.Core.Wire;

namespace Dimo.Core.Tests.Wire;

public class UnknownSignalTests
{
    public static TheoryData<ulong> UnassignedIds =>
        [.. UnassignedSignal.OneByteIds.Select(id => (ulong)id), UnassignedSignal.AboveAll, ushort.MaxValue, 65536UL + 1, ulong.MaxValue];

    [Theory]
    [MemberData(nameof(UnassignedIds))]
    public void A_signal_id_outside_the_catalog_is_rejected(ulong signalId)
    {
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
