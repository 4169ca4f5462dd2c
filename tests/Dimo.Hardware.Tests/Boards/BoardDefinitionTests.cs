using Dimo.Hardware.Boards;

namespace Dimo.Hardware.Tests.Boards;

public class BoardDefinitionTests
{
    [Fact]
    public void Unknown_field_is_refused_with_its_name()
    {
        var json = CommittedBoard.BoardJson.Replace("\"crystalHz\"", "\"crystalHertz\"");
        var error = Assert.Throws<BoardFileException>(() => BoardDefinition.Parse(json));
        Assert.Contains("crystalHertz", error.Message);
    }

    [Fact]
    public void Missing_section_is_refused()
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(CommittedBoard.BoardJson)!.AsObject();
        root.Remove("button");
        var error = Assert.Throws<BoardFileException>(() => BoardDefinition.Parse(root.ToJsonString()));
        Assert.Contains("button", error.Message);
    }

    [Fact]
    public void Committed_board_names_the_wrover_and_keeps_the_psram_rev3_target()
    {
        var board = CommittedBoard.Board;
        Assert.Equal("ESP32-WROVER-E", board.Module);
        Assert.Equal("ESP32_PSRAM_REV3", board.NanoFrameworkTarget);
        Assert.True(Esp32Module.Known[board.Module].HasPsram);
    }
}
