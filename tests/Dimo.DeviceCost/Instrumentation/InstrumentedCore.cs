using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;

namespace Dimo.DeviceCost.Instrumentation;

/// <summary>
/// An instrumented Dimo.Core loaded beside a second copy of this tool, in a context of their own: the scenarios in
/// that copy bind to the instrumented core, and their probe is the one it reports to. Results come back as JSON.
/// </summary>
public sealed class InstrumentedCore
{
    private static readonly Lazy<InstrumentedCore> Shared = new(() => new InstrumentedCore());

    private readonly Assembly _tool;

    private InstrumentedCore()
    {
        string coreSource = typeof(Dimo.Core.Crypto.PrivateKey).Assembly.Location;
        string directory = Path.Combine(Path.GetTempPath(), "dimo-devicecost-" + Environment.ProcessId);
        Directory.CreateDirectory(directory);
        string corePath = Path.Combine(directory, "Dimo.Core.dll");
        MethodNames = CoreInstrumenter.Instrument(coreSource, corePath);
        var context = new CoreContext(corePath);
        _tool = context.LoadFromAssemblyPath(typeof(InstrumentedCore).Assembly.Location);
    }

    public static InstrumentedCore Instance => Shared.Value;

    public string[] MethodNames { get; }

    /// <summary>Runs a static scenario of <see cref="Scenarios.DeviceScenarios"/> against the instrumented core.</summary>
    public ScenarioResult Run(string scenario, params object[] arguments)
    {
        var method = _tool.GetType(typeof(Scenarios.DeviceScenarios).FullName!)!.GetMethod(scenario)!;
        lock (this)
        {
            string json = (string)method.Invoke(null, arguments)!;
            var result = JsonSerializer.Deserialize<ScenarioResult>(json)!;
            result.MethodNames = MethodNames;
            return result;
        }
    }

    private sealed class CoreContext(string corePath) : AssemblyLoadContext("instrumented Dimo.Core")
    {
        protected override Assembly? Load(AssemblyName name) =>
            name.Name == "Dimo.Core" ? LoadFromAssemblyPath(corePath) : null;
    }
}
