using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Decode;

/// <summary>Runs the built <c>dimo</c> as a process to check the exit-code contract end to end.</summary>
public class Decode_exits_0_1_or_2_as_the_outcome_says(DecodeFixture fixture) : IClassFixture<DecodeFixture>
{
    [Fact]
    public void Success_exits_0_even_when_frames_were_skipped()
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(dir.File("a.log"), ["(1) can0 7FF#00", "garbage", "(2) can0 100#1F40F603C8000000"]);

        var (exit, output, errors) = Dimo("decode", "--dbc", fixture.DbcPath, "--candump", dir.File("a.log"));

        Assert.Equal(0, exit);
        Assert.Contains("\"msg\":\"ENGINE\"", output);
        Assert.Contains("decoded 1, unknown 1, short 0, malformed 1", errors);
    }

    [Fact]
    public void An_unreadable_dbc_or_log_exits_1_with_a_reason()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.dbc"), "BO_ 100 X: 8 ECU\nNOT_A_KEYWORD 1 2 3\n");
        File.WriteAllLines(dir.File("a.log"), ["(1) can0 100#00"]);

        var missingLog = Dimo("decode", "--dbc", fixture.DbcPath, "--candump", dir.File("missing.log"));
        var badDbc = Dimo("decode", "--dbc", dir.File("bad.dbc"), "--candump", dir.File("a.log"));

        Assert.Equal(1, missingLog.Exit);
        Assert.Contains("missing.log", missingLog.Errors);
        Assert.Equal(1, badDbc.Exit);
        Assert.Contains("bad.dbc:2: unknown keyword 'NOT_A_KEYWORD'", badDbc.Errors);
    }

    [Fact]
    public void A_missing_option_is_a_usage_error_exiting_2()
    {
        Assert.Equal(2, Dimo("decode", "--dbc", fixture.DbcPath).Exit);
    }

    private static CliRun Dimo(params string[] args) => DimoCli.RunProcess(args);
}
