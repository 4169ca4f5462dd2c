namespace Dimo.Cli.Tests.Commands.Usage;

/// <summary>Issue 19, item 7: a wrong or missing command is one line that says what the command takes.</summary>
public class Usage_errors_are_one_line_that_lists_the_commands
{
    [Fact]
    public void Dimo_alone_lists_its_commands()
    {
        var run = DimoCli.Run();

        Assert.Equal(2, run.Exit);
        var line = Assert.Single(run.Errors.TrimEnd().Split('\n'));
        Assert.StartsWith("dimo: give a command: one of key, batch, decode, dbc, mqtt, ingest, sim, demo", line);
        Assert.EndsWith(" (dimo --help describes them)", line);
    }

    [Theory]
    [InlineData("key frobnicate", "dimo: dimo key has no command 'frobnicate': one of new, address (dimo key --help describes them)")]
    [InlineData("key", "dimo: dimo key needs a command: one of new, address (dimo key --help describes them)")]
    [InlineData("batch inspect", "dimo: Option '--hex' is required. (dimo batch inspect --help shows the options)")]
    public void A_wrong_command_or_option_is_one_line(string commandLine, string line)
    {
        var run = DimoCli.Run(commandLine.Split(' '));

        Assert.Equal(2, run.Exit);
        Assert.Equal(line, Assert.Single(run.Errors.TrimEnd().Split('\n')));
    }
}
