using Dimo.Core.Signals;

namespace Dimo.Core.Tests.Wire;

/// <summary>Signal ids the catalog does not hold, found at run time so that new catalog entries cannot break tests.</summary>
internal static class UnassignedSignal
{
    /// <summary>One past the highest assigned id.</summary>
    public static ushort AboveAll => (ushort)(SignalCatalog.All.Max(s => s.Id) + 1);

    /// <summary>Every unassigned id below 128 (the one-byte ids), including 0.</summary>
    public static IEnumerable<int> OneByteIds => Enumerable.Range(0, 128).Where(id => SignalCatalog.ById(id) == null);
}
