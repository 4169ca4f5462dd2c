using Dimo.Core.Signals;
using Dimo.Core.Wire;

namespace Dimo.Core.Tests.Wire;

public class Signal_ids_outside_the_catalog_are_rejected
{
    // Distinct: when the catalog's highest id is below 127, AboveAll is also a one-byte id, and xunit would drop the twin case.
    public static TheoryData<ulong> UnassignedIds =>
        [.. UnassignedSignal.OneByteIds.Select(id => (ulong)id).Append(UnassignedSignal.AboveAll).Append(ushort.MaxValue).Append(65536UL + 1).Append(ulong.MaxValue).Distinct()];

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
    public void Every_unassigned_id_is_a_case_of_its_own()
    {
        var ids = ((IEnumerable<object[]>)UnassignedIds).Select(row => (ulong)row[0]).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains(UnassignedSignal.AboveAll, ids);
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
