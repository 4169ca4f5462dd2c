using Dimo.Hardware;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Hardware;

public class Hardware_files_are_regenerated_from_board_json
{
    private static readonly string Board = RepositoryRoot.File("hardware", "board.json");

    [Fact]
    public void Check_accepts_the_committed_board()
    {
        var run = DimoCli.Run("hardware", "check", "--board", Board);

        Assert.Equal(0, run.Exit);
        Assert.Equal("board.json: consistent, 11 GPIOs on ESP32-WROVER-E, target ESP32_PSRAM_REV3", run.Line);
    }

    [Theory]
    [InlineData("schematic", DongleFiles.SchematicPath)]
    [InlineData("firmware-constants", DongleFiles.FirmwareConstantsPath)]
    public void Generating_from_the_committed_board_reproduces_the_committed_file(string command, string committed)
    {
        using var dir = new TempDirectory();
        var run = DimoCli.Run("hardware", command, "--board", Board, "--out", dir.File("out"));

        Assert.Equal(0, run.Exit);
        Assert.Equal(File.ReadAllText(RepositoryRoot.File(committed.Split('/'))), File.ReadAllText(dir.File("out")));
    }

    [Fact]
    public void A_board_that_breaks_a_rule_generates_nothing_and_says_why_on_one_line()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("board.json"), File.ReadAllText(Board).Replace("\"chipSelectGpio\": 27", "\"chipSelectGpio\": 35"));

        var run = DimoCli.Run("hardware", "schematic", "--board", dir.File("board.json"), "--out", dir.File("out.kicad_sch"));

        Assert.Equal(1, run.Exit);
        Assert.Equal("", run.Output);
        var error = Assert.Single(run.Errors.TrimEnd().Split('\n'));
        Assert.Contains("CAN_CS is an output on GPIO35, which is input-only", error);
        Assert.False(File.Exists(dir.File("out.kicad_sch")));
    }

    [Fact]
    public void An_unreadable_board_is_refused_with_one_line()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("board.json"), "{ \"board\": ");

        var run = DimoCli.Run("hardware", "check", "--board", dir.File("board.json"));

        Assert.Equal(1, run.Exit);
        Assert.StartsWith("dimo: board.json: ", run.Errors);
        Assert.Single(run.Errors.TrimEnd().Split('\n'));
    }
}
