namespace Dimo.Cli.Tests.Commands.Usage;

/// <summary>The README's rule: a malformed or missing option value is a usage error (exit 2), one line naming the option.</summary>
public class Malformed_option_values_exit_2_naming_the_option
{
    [Theory]
    [InlineData("sim --mqtt http://127.0.0.1:1883", "--mqtt is not an mqtt://")]
    [InlineData("sim --mqtt mqtt://127.0.0.1:1883 --devices 0", "--devices must be at least 1")]
    [InlineData("sim --mqtt mqtt://127.0.0.1:1883 --batch-interval 0", "--batch-interval must be at least")]
    [InlineData("sim --mqtt mqtt://127.0.0.1:1883 --candump drive.log", "--candump and --dbc go together")]
    [InlineData("sim --mqtt mqtt://127.0.0.1:1 --api ftp://x", "--api is not an http:// URL")]
    [InlineData("demo --candump drive.log", "--candump and --dbc go together")]
    [InlineData("ingest --broker http://127.0.0.1:1883", "--broker is not an mqtt://")]
    [InlineData("mqtt load --broker http://127.0.0.1:1883", "--broker is not an mqtt://")]
    [InlineData("mqtt serve --allow-anonymous --bind nowhere", "--bind is not an IP address")]
    [InlineData("mqtt serve --allow-anonymous --cert c.pem", "--cert needs --tls-port")]
    public void The_error_is_one_line_naming_the_option_and_exits_2(string commandLine, string message)
    {
        var run = DimoCli.Run(commandLine.Split(' '));

        Assert.Equal(2, run.Exit);
        Assert.StartsWith("dimo: " + message, run.Errors);
        Assert.Single(run.Errors.TrimEnd().Split('\n'));
    }
}
