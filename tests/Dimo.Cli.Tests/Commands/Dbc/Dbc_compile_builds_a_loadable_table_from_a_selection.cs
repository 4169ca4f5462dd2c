using Dimo.Cli.Commands;
using Dimo.Core.Can;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Dbc;

public class Dbc_compile_builds_a_loadable_table_from_a_selection
{
    [Fact]
    public void A_committed_selection_compiles_to_a_loadable_table_and_reports_its_filters()
    {
        using var dir = new TempDirectory();
        var output = new StringWriter();

        int exit = DbcCommand.Compile(new FileInfo(RepositoryRoot.File("cloud", "Dimo.Dbc", "selections", "subaru_preglobal_2015.json")),
            new FileInfo(dir.File("subaru.bin")), output);

        Assert.Equal(0, exit);
        var table = DecoderTable.Load(File.ReadAllBytes(dir.File("subaru.bin")));
        Assert.Equal(23, Enumerable.Range(0, table.SignalCount).Count(s => table.SignalCatalogId(s) != 0));
        Assert.NotNull(table.AcceptanceFilterWords);
        Assert.Contains("subaru.bin: " + new FileInfo(dir.File("subaru.bin")).Length + " bytes", output.ToString());
        Assert.Contains("mcp2515: mask0 ", output.ToString());
    }

    [Theory]
    [InlineData("11", false)]
    [InlineData("29", true)]
    public void With_obd_the_filters_also_pass_the_obd_answers(string obd, bool extended)
    {
        using var dir = new TempDirectory();

        DbcCommand.Compile(new FileInfo(RepositoryRoot.File("cloud", "Dimo.Dbc", "selections", "subaru_preglobal_2015.json")),
            new FileInfo(dir.File("t.bin")), TextWriter.Null, obd);

        var table = DecoderTable.Load(File.ReadAllBytes(dir.File("t.bin")));
        Assert.True(Dimo.Core.Can.Mcp2515.Mcp2515Filters.AdmitsObdResponses(table.AcceptanceFilterWords, extended));
        for (int m = 0; m < table.MessageCount; m++)
            Assert.True(Dimo.Core.Can.Mcp2515.Mcp2515Filters.Admits(table.AcceptanceFilterWords, table.MessageId(m), table.MessageIsExtended(m)));
    }

    [Fact]
    public void Compiling_tells_each_stage_as_it_starts()
    {
        using var dir = new TempDirectory();
        var progress = new StringWriter();

        DbcCommand.Compile(new FileInfo(RepositoryRoot.File("cloud", "Dimo.Dbc", "selections", "honda_civic_2017.json")),
            new FileInfo(dir.File("civic.bin")), TextWriter.Null, progress: progress);

        var lines = progress.ToString().TrimEnd().Split('\n');
        Assert.Matches(@"^dbc compile: parsing honda_civic_hatchback_ex_2017_can_generated\.dbc \(\d+ KB\)$", lines[0]);
        Assert.Matches(@"^dbc compile: compiling \d+ selected signals of \d+ messages$", lines[1]);
    }

    [Fact]
    public void A_selection_naming_a_missing_signal_is_a_one_line_error()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.json"), """
            {"vehicle": "x", "dbc": "../does-not-matter.dbc", "signals": {}}
            """);

        var error = Assert.Throws<CliException>(() => DbcCommand.Compile(new FileInfo(dir.File("bad.json")), new FileInfo(dir.File("o.bin")), TextWriter.Null));

        Assert.Equal(1, error.ExitCode);
        Assert.Contains("at least one entry", error.Message);
    }
}
