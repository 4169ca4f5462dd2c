using System.CommandLine;
using Dimo.Cli.Commands;

namespace Dimo.Cli.Tests.Commands.Mqtt;

/// <summary><c>dimo mqtt serve</c> run in-process until the test cancels it, with its output captured.</summary>
internal sealed class ServeCommand : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _errors = new();

    private ServeCommand(string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(MqttCommand.Create());
        var configuration = new InvocationConfiguration
        {
            Output = TextWriter.Synchronized(_output),
            Error = TextWriter.Synchronized(_errors),
            EnableDefaultExceptionHandler = false,
            // The test process's own Ctrl+C handling stays untouched; cancellation comes from Stop().
            ProcessTerminationTimeout = null,
        };
        Run = root.Parse(["mqtt", "serve", .. args]).InvokeAsync(configuration, _stop.Token);
    }

    public Task<int> Run { get; }

    public string Output => _output.ToString();

    public static ServeCommand Start(params string[] args) => new(args);

    /// <summary>Waits for the line saying the server listens (or for the command to end early).</summary>
    public async Task<string> ListeningAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline && !Run.IsCompleted)
        {
            if (Output.Contains("MQTT listening"))
                return Output;
            await Task.Delay(25);
        }
        await Run;
        Assert.Fail("mqtt serve never said it listens; errors: " + _errors);
        return "";
    }

    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await Run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        if (!Run.IsCompleted)
            await StopAsync();
        _stop.Dispose();
    }
}
