using Dimo.Dbc.Compilation;
using Dimo.Dbc.Parsing;
using Dimo.DeviceCost.Instrumentation;
using Dimo.DeviceCost.Scenarios;
using Dimo.Testing;
using Dimo.Testing.Wire;

namespace Dimo.DeviceCost;

/// <summary>The scenarios with their standard inputs: the reference batch, the Civic's decoder table, one hash.</summary>
public static class DeviceCostRuns
{
    /// <summary>The decoder table the heap budget is counted with (a real car's selection from cloud/Dimo.Dbc).</summary>
    public const string DecoderSelection = "honda_civic_2017.json";

    /// <summary>The phase in which the key is loaded and the address derived (the signer's share of the boot).</summary>
    public const string KeyPhase = DeviceScenarios.KeyPhase;

    /// <summary>The phase in which the loop collects the reference batch's readings (counted in the budget).</summary>
    public const string CollectPhase = DeviceScenarios.CollectPhase;

    public static ScenarioResult BootAndSeal()
    {
        var selection = DbcSelection.Load(RepositoryRoot.File("cloud", "Dimo.Dbc", "selections", DecoderSelection));
        byte[] table = DecoderTableCompiler.Compile(DbcParser.ParseFile(selection.DbcPath), selection).Bytes;
        var readings = ReferenceBatch.Readings();
        return InstrumentedCore.Instance.Run(nameof(DeviceScenarios.BootAndSeal), table,
            readings.Select(r => r.SignalId).ToArray(), readings.Select(r => r.Time).ToArray(), readings.Select(r => r.Value).ToArray());
    }

    /// <summary>The operator whose signature the config scenario's table carries.</summary>
    public static readonly Dimo.Core.Crypto.PrivateKey Operator = Dimo.Core.Crypto.PrivateKey.FromBytes(Convert.FromHexString("8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f"));

    /// <summary>
    /// Applying a config whose decoder table is <paramref name="table"/> (signed by <see cref="Operator"/>), with the
    /// default poll template, on a running dongle.
    /// </summary>
    public static ScenarioResult ApplyConfig(byte[] table)
    {
        byte[] signature = Operator.SignPersonalMessage(table, 0, table.Length);
        byte[] message = new Dimo.Core.Dongle.Config.DeviceConfig(1, Dimo.Core.Obd.PollTemplate.DefaultText, table, signature).Encode();
        return InstrumentedCore.Instance.Run(nameof(DeviceScenarios.ApplyConfig), message, Operator.Address);
    }

    /// <summary>The Civic's table, as the heap budget counts it.</summary>
    public static byte[] CivicTable()
    {
        var selection = DbcSelection.Load(RepositoryRoot.File("cloud", "Dimo.Dbc", "selections", DecoderSelection));
        return DecoderTableCompiler.Compile(DbcParser.ParseFile(selection.DbcPath), selection).Bytes;
    }

    /// <summary>
    /// A valid table of <paramref name="messages"/> standard messages with one 8-bit signal each (16 + 32 bytes per
    /// message, the most live heap per table byte): 95 messages make 3,056 bytes, about the most a config's 3 KB carries.
    /// </summary>
    public static byte[] LargestTable(int messages = 95)
    {
        var bytes = new List<byte> { (byte)'D', (byte)'C', (byte)'A', (byte)'N', 1, 0 };
        bytes.AddRange(BitConverter.GetBytes((ushort)messages));
        bytes.AddRange(BitConverter.GetBytes((ushort)messages));
        bytes.AddRange([0, 0]);
        for (int m = 0; m < messages; m++)
        {
            bytes.AddRange(BitConverter.GetBytes((uint)(0x100 + m)));
            bytes.AddRange([8, 0xFF, 1, 0]);
        }
        for (int m = 0; m < messages; m++)
        {
            bytes.AddRange([0, 0, 8, 0]);
            bytes.AddRange(BitConverter.GetBytes((ushort)1));
            bytes.AddRange([0, 0]);
            bytes.AddRange(BitConverter.GetBytes(1.0));
            bytes.AddRange(BitConverter.GetBytes(0.0));
        }
        var body = bytes.ToArray();
        bytes.AddRange(BitConverter.GetBytes(Dimo.Core.Checksums.Crc32.Compute(body, 0, body.Length)));
        return bytes.ToArray();
    }

    /// <summary>One signature of keccak256("dimo") with the scenarios' key.</summary>
    public static ScenarioResult Sign() =>
        InstrumentedCore.Instance.Run(nameof(DeviceScenarios.Sign), Dimo.Core.Crypto.Keccak256.Hash("dimo"u8.ToArray(), 0, 4), null!);
}
