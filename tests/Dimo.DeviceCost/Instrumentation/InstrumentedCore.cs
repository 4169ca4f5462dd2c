using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;

namespace Dimo.DeviceCost.Instrumentation;

/// <summary>
/// An instrumented Dimo.Core loaded beside a second copy of this tool, in a context of their own: the scenarios in
/// that copy bind to the instrumented core, and their probe is the one it reports to. Every run gets a fresh
/// context, so statics (the generator table, the signal catalog) are built inside the run that is counted, whatever
/// ran before. Results come back as JSON.
/// </summary>
public sealed class InstrumentedCore
{
    private static readonly Lazy<InstrumentedCore> Shared = new(() => new InstrumentedCore());

    private readonly byte[] _image;

    private InstrumentedCore()
    {
        string coreSource = typeof(Dimo.Core.Crypto.PrivateKey).Assembly.Location;
        var image = new MemoryStream();
        MethodNames = CoreInstrumenter.Instrument(coreSource, image);
        _image = image.ToArray();
    }

    public static InstrumentedCore Instance => Shared.Value;

    public string[] MethodNames { get; }

    /// <summary>Runs a static scenario of <see cref="Scenarios.DeviceScenarios"/> against a freshly loaded instrumented core.</summary>
    public ScenarioResult Run(string scenario, params object[] arguments)
    {
        var context = new CoreContext(_image);
        try
        {
            var tool = context.LoadFromAssemblyPath(typeof(InstrumentedCore).Assembly.Location);
            var method = tool.GetType(typeof(Scenarios.DeviceScenarios).FullName!)!.GetMethod(scenario)!;
            string json = (string)method.Invoke(null, arguments)!;
            var result = JsonSerializer.Deserialize<ScenarioResult>(json)!;
            result.MethodNames = MethodNames;
            return result;
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Loads the instrumented core from memory (no temp files); everything else comes from the default context.</summary>
    private sealed class CoreContext(byte[] coreImage) : AssemblyLoadContext("instrumented Dimo.Core", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName name) =>
            name.Name == "Dimo.Core" ? LoadFromStream(new MemoryStream(coreImage)) : null;
    }
}
