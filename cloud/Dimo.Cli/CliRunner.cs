using System.CommandLine;

namespace Dimo.Cli;

/// <summary>
/// Runs the command tree with the exit-code contract every command shares: 0 success, 1 invalid input or
/// failed verification, 2 usage error. Errors go to stderr as one line.
/// </summary>
public static class CliRunner
{
    public const int Success = 0;
    public const int InvalidInput = 1;
    public const int UsageError = 2;

    public static int Run(RootCommand root, string[] args) => Run(root, args, Console.Out, Console.Error);

    /// <summary>
    /// Runs with the given writers as stdout and stderr; commands reach them through
    /// <c>parsed.InvocationConfiguration.Output</c> and <c>.Error</c>, which lets tests run the CLI in-process.
    /// </summary>
    public static int Run(RootCommand root, string[] args, TextWriter output, TextWriter errors)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                errors.WriteLine("dimo: " + error.Message);
            return UsageError;
        }
        try
        {
            // Without the default handler, a CliException thrown in an async action reaches the catch below
            // instead of being printed as an unhandled exception with a stack trace.
            // SIGTERM and Ctrl+C cancel the action, which then shuts down in order (dimo ingest reports draining on
            // /readyz for --drain-seconds first); the default 2 s before the process is killed would cut that short.
            return parsed.Invoke(new InvocationConfiguration
            {
                Output = output, Error = errors, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
            });
        }
        catch (CliException e)
        {
            errors.WriteLine("dimo: " + e.Message);
            return e.ExitCode;
        }
    }
}
