using System.Collections.Concurrent;

namespace Dimo.DeviceAuth;

/// <summary>A registry held in memory (development servers, tests, load runs); addresses compare lowercase.</summary>
public sealed class KnownDeviceSet : IKnownDevices
{
    private readonly ConcurrentDictionary<string, byte> _addresses = new(StringComparer.Ordinal);

    public KnownDeviceSet(IEnumerable<string>? addresses = null)
    {
        foreach (var address in addresses ?? [])
            Add(address);
    }

    public int Count => _addresses.Count;

    public void Add(string address) => _addresses.TryAdd(address.ToLowerInvariant(), 0);

    public ValueTask<bool> IsRegisteredAsync(string address, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_addresses.ContainsKey(address));
}
