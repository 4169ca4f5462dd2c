using System.Reflection;
using System.Text.Json;
using Dimo.Core.Can;
using Dimo.Core.Crypto;
using Dimo.Core.Dongle;
using Dimo.Core.Dongle.Config;
using Dimo.Core.Time;
using Dimo.DeviceCost.Instrumentation;

namespace Dimo.DeviceCost.Scenarios;

/// <summary>
/// What the device does, run inside <see cref="InstrumentedCore"/>'s context (so every Dimo.Core call here is
/// counted). Inputs and results cross the context boundary as arrays and JSON only.
/// </summary>
public static class DeviceScenarios
{
    public const string KeyHex = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    /// <summary>The spool's flash: 16 sectors of 4 KiB, flash on the device, so not heap.</summary>
    public const int SpoolSectorSize = 4096;
    public const int SpoolSectorCount = 16;

    public const string KeyPhase = "boot: key and address";
    public const string CollectPhase = "collect: 400 readings over 20 s";

    /// <summary>
    /// Boot (key load and address, decoder table, spool open, loop) then one seal of the given readings (collect,
    /// encode, Keccak, sign, spool append). Allocations are counted per phase; the live set is what the loop, the
    /// decoder and the core's statics still reach afterwards.
    /// </summary>
    public static string BootAndSeal(byte[] decoderTable, ushort[] signals, long[] times, double[] values)
    {
        var flash = new MemoryFlash(SpoolSectorSize, SpoolSectorCount);
        var clock = new StillClock(times[0]);
        var uplink = new OfflineUplink();
        byte[] keyBytes = Hex.Decode(KeyHex);
        Probe.Reset();
        Probe.Recording = true;
        try
        {
            Probe.Phase = KeyPhase;
            Probe.ReadIntoHeap("Byte[32] (key read from the key store)", PrivateKey.Length);
            var key = PrivateKey.FromBytes(keyBytes);
            string address = key.ChecksumAddress;

            Probe.Phase = "boot: decoder table";
            Probe.ReadIntoHeap($"Byte[{decoderTable.Length}] (decoder table file read)", decoderTable.Length);
            var decoder = new FrameDecoder(DecoderTable.Load(decoderTable));

            Probe.Phase = "boot: spool open";
            var spool = new Spool(flash);

            Probe.Phase = "boot: loop";
            var loop = new DongleLoop(clock, new PrivateKeyStore(key), spool, uplink, signals.Length + 1) { SampleIntervalMilliseconds = 500 };
            loop.AttachCan(null, decoder);

            Probe.Phase = CollectPhase;
            for (int i = 0; i < signals.Length; i++)
            {
                loop.OnNumber(signals[i], times[i], values[i]);
            }
            Probe.Phase = "seal: encode, Keccak, sign, spool append";
            loop.Seal();
            Probe.Recording = false;
            if (loop.ReadingsSealed != signals.Length || spool.PendingCount != 1)
            {
                throw new InvalidOperationException($"the seal took {loop.ReadingsSealed} of {signals.Length} readings");
            }
            GC.KeepAlive(address);

            var result = Collect();
            var roots = new List<object?> { loop, decoder };
            roots.AddRange(StaticRoots(typeof(PrivateKey).Assembly, out int staticSlots));
            var live = NanoHeap.Reachable(roots, typeof(PrivateKey).Assembly, new HashSet<string> { typeof(MemoryFlash).FullName! });
            foreach (var (what, (count, bytes)) in live.OrderByDescending(e => e.Value.Bytes))
            {
                result.Live.Add(new AllocationRow { Phase = "live", What = what, Count = count, Bytes = bytes });
            }
            result.Live.Add(new AllocationRow { Phase = "live", What = "static field slots", Count = staticSlots, Bytes = staticSlots * NanoHeap.Block });
            return JsonSerializer.Serialize(result);
        }
        finally
        {
            Probe.Recording = false;
        }
    }

    public const string ConfigApplyPhase = "config: decode, recover the signer, load the table, store";

    /// <summary>
    /// A running dongle (its key loaded, so the generator table exists) applies one config message from the config
    /// topic: the message read into the heap, then decode, signature recovery, table load and the writes to I:
    /// (files, not heap: the storage here is not a core type). The live set is what the applier keeps: the new table.
    /// </summary>
    public static string ApplyConfig(byte[] message, byte[] operatorAddress)
    {
        // A running, polling dongle has loaded its key (the generator table) and parsed its template (the PID table).
        PrivateKey.FromBytes(Hex.Decode(KeyHex));
        Dimo.Core.Obd.PollTemplate.Default();
        var applier = new ConfigApplier(new FileStandIn(), operatorAddress, null, null);
        Probe.Reset();
        Probe.Recording = true;
        try
        {
            Probe.Phase = "config: message read";
            Probe.ReadIntoHeap($"Byte[{message.Length}] (config message from MQTT)", message.Length);
            Probe.Phase = ConfigApplyPhase;
            var outcome = applier.Apply(message);
            Probe.Recording = false;
            if (outcome != ConfigOutcome.Applied)
            {
                throw new InvalidOperationException("the config was not applied: " + applier.LastErrorMessage);
            }
            var result = Collect();
            var live = NanoHeap.Reachable([applier.Table], typeof(PrivateKey).Assembly, new HashSet<string>());
            foreach (var (what, (count, bytes)) in live.OrderByDescending(e => e.Value.Bytes))
            {
                result.Live.Add(new AllocationRow { Phase = "live", What = what, Count = count, Bytes = bytes });
            }
            return JsonSerializer.Serialize(result);
        }
        finally
        {
            Probe.Recording = false;
        }
    }

    /// <summary>Files on I:: written to flash, so nothing of them is heap.</summary>
    private sealed class FileStandIn : IConfigStorage
    {
        private readonly Dictionary<string, byte[]> _files = new();
        public byte[] Read(string name) => _files.TryGetValue(name, out var data) ? data : null!;
        public void Write(string name, byte[] data) => _files[name] = data;
    }

    /// <summary>One signature of a 32-byte hash with a key that has signed once already (its tables are built).</summary>
    public static string Sign(byte[] hash, byte[]? key)
    {
        var privateKey = PrivateKey.FromBytes(key ?? Hex.Decode(KeyHex));
        privateKey.Sign(hash);
        Probe.Reset();
        Probe.Phase = "sign";
        Probe.Recording = true;
        privateKey.Sign(hash);
        Probe.Recording = false;
        return JsonSerializer.Serialize(Collect());
    }

    private static ScenarioResult Collect()
    {
        var result = new ScenarioResult();
        foreach (var ((phase, what), (count, bytes)) in Probe.Allocations)
        {
            result.Allocations.Add(new AllocationRow { Phase = phase, What = what, Count = count, Bytes = bytes });
        }
        for (int id = 0; id < Probe.MaxMethods; id++)
        {
            if (Probe.Instructions[id] != 0) result.Methods[id] = [Probe.Instructions[id], Probe.Calls[id]];
        }
        return result;
    }

    /// <summary>The static fields of the core's types whose static constructor ran (or that have none).</summary>
    private static IEnumerable<object?> StaticRoots(Assembly core, out int slots)
    {
        var roots = new List<object?>();
        slots = 0;
        foreach (var type in core.GetTypes())
        {
            // Compiler-generated RVA blobs (array initialisers' data) stay in the assembly on the device.
            if (type.ContainsGenericParameters || type.Name.StartsWith("<PrivateImplementationDetails>", StringComparison.Ordinal)) continue;
            if (type.TypeInitializer != null && !Probe.InitializedTypes.Contains(type)) continue;
            foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.IsLiteral) continue;
                slots++;
                roots.Add(field.GetValue(null));
            }
        }
        return roots;
    }

    private sealed class StillClock(long unixMilliseconds) : IClock
    {
        public long UnixMilliseconds => unixMilliseconds;
        public long MonotonicMilliseconds => 0;
    }

    private sealed class OfflineUplink : IUplink
    {
        public bool IsConnected => false;
        public int ConnectionEpoch => 0;
        public bool Publish(uint seq, byte[] wire) => false;
        public bool TryTakeAcknowledged(out uint seq)
        {
            seq = 0;
            return false;
        }
    }
}
