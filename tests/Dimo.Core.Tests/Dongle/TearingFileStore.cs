using Dimo.Core.Dongle;

namespace Dimo.Core.Tests.Dongle;

/// <summary>
/// Files that lose power during a chosen append, as shared/docs/spool-on-flash.md models a filesystem: the file
/// keeps what it had plus only the first bytes of the cut append (none, as littlefs does, or some), then it throws.
/// </summary>
public sealed class TearingFileStore(IFileStore inner) : IFileStore
{
    private int _appendsUntilTear = -1;
    private int _bytesKept;

    /// <summary>The append after <paramref name="intactAppends"/> more keeps only <paramref name="bytesKept"/> bytes.</summary>
    public void TearAfter(int intactAppends, int bytesKept)
    {
        _appendsUntilTear = intactAppends;
        _bytesKept = bytesKept;
    }

    public int Length(string name) => inner.Length(name);

    public int Read(string name, int position, byte[] buffer, int offset, int count) => inner.Read(name, position, buffer, offset, count);

    public void Append(string name, byte[] data, int offset, int count)
    {
        if (_appendsUntilTear == 0)
        {
            _appendsUntilTear = -1;
            if (_bytesKept > 0 || inner.Length(name) < 0)
                inner.Append(name, data, offset, Math.Min(count, _bytesKept)); // littlefs creates the (empty) file at open
            throw new PowerLossException();
        }
        if (_appendsUntilTear > 0)
            _appendsUntilTear--;
        inner.Append(name, data, offset, count);
    }

    public void Delete(string name) => inner.Delete(name);
}
