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
            errors.WriteLine("dimo: " + UsageLine(parsed));
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

    /// <summary>
    /// One line for a command line that does not parse: the first error, and where to look. A command that only
    /// groups others (<c>dimo</c>, <c>dimo key</c>) lists them, so <c>dimo</c> alone shows what it can do.
    /// </summary>
    private static string UsageLine(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var path = string.Join(' ', CommandPath(parsed.CommandResult));
        if (command.Action == null && command.Subcommands.Count > 0)
        {
            var choices = string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
            var unknown = parsed.UnmatchedTokens.FirstOrDefault();
            return (unknown != null ? $"{path} has no command '{unknown}'" : command is RootCommand ? "give a command" : $"{path} needs a command")
                   + $": one of {choices} ({path} --help describes them)";
        }
        return parsed.Errors[0].Message + $" ({path} --help shows the options)";
    }

    private static IEnumerable<string> CommandPath(System.CommandLine.Parsing.SymbolResult? result)
    {
        var names = new Stack<string>();
        for (; result != null; result = result.Parent)
        {
            if (result is System.CommandLine.Parsing.CommandResult c)
                names.Push(c.Command is RootCommand ? "dimo" : c.Command.Name);
        }
        return names;
    }
}
