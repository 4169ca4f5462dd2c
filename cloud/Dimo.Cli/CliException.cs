namespace Dimo.Cli;

/// <summary>A failure the user can act on: its message is printed as one line and its exit code returned.</summary>
public sealed class CliException(string message, int exitCode = CliRunner.InvalidInput) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
