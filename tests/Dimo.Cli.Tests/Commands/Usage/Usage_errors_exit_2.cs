using Dimo.Cli.Tests.Commands.Key;

namespace Dimo.Cli.Tests.Commands.Usage;

public class Usage_errors_exit_2
{
    [Theory]
    [InlineData("key")]
    [InlineData("key rotate")]
    [InlineData("key new --bits 256")]
    [InlineData("batch sign --private-key " + TestKeys.PrivateKey)]
    [InlineData("batch sign --private-key " + TestKeys.PrivateKey + " --readings r.json --seq minus-one")]
    [InlineData("batch sign --private-key " + TestKeys.PrivateKey + " --readings r.json --seq -1")]
    [InlineData("batch sign --private-key " + TestKeys.PrivateKey + " --readings r.json --boot 4294967296")]
    [InlineData("batch inspect")]
    [InlineData("batch inspect --hex 0x00 extra")]
    public void Missing_unknown_or_malformed_arguments_exit_2_with_a_message(string commandLine)
    {
        var run = DimoCli.Run(commandLine.Split(' '));

        Assert.Equal(2, run.Exit);
        Assert.StartsWith("dimo: ", run.Errors);
    }

    [Fact]
    public void The_real_entry_point_exits_2_on_a_usage_error()
    {
        var run = DimoCli.RunProcess(["batch", "inspect"]);

        Assert.Equal(2, run.Exit);
        Assert.Contains("--hex", run.Errors);
    }
}
