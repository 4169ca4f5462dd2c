using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Decode;

/// <summary>Issue 19, item 7: <c>dimo decode --candump README.md</c> is an error, not a silent success.</summary>
public class Decode_of_a_file_without_can_frames_fails
{
    [Fact]
    public void A_file_with_no_candump_line_exits_1_naming_it_and_the_expected_format()
    {
        var readme = RepositoryRoot.File("README.md");

        var run = DimoCli.Run("decode", "--dbc", RepositoryRoot.File("cloud", "Dimo.Dbc", "opendbc", "honda_civic_hatchback_ex_2017_can_generated.dbc"),
            "--candump", readme);

        Assert.Equal(1, run.Exit);
        Assert.Equal("", run.Output);
        var line = Assert.Single(run.Errors.TrimEnd().Split('\n'));
        Assert.StartsWith("dimo: --candump " + readme + ": none of its ", line);
        Assert.Contains("candump -l", line);
    }
}
