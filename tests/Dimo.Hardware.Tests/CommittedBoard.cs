using Dimo.Hardware;
using Dimo.Hardware.Boards;
using Dimo.Testing;

namespace Dimo.Hardware.Tests;

/// <summary>The repository's hardware files as committed.</summary>
public static class CommittedBoard
{
    public static string BoardJson => File.ReadAllText(RepositoryRoot.File(DongleFiles.BoardPath));

    public static BoardDefinition Board => BoardDefinition.Parse(BoardJson);

    public static string Text(string repositoryPath) => File.ReadAllText(RepositoryRoot.File(repositoryPath.Split('/')));

    /// <summary>The committed board with one JSON value replaced (path like "mcp2515.interruptGpio").</summary>
    public static BoardDefinition With(string path, object value)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(BoardJson)!;
        var parts = path.Split('.');
        var node = root;
        foreach (var part in parts[..^1])
            node = node[part]!;
        node[parts[^1]] = System.Text.Json.Nodes.JsonValue.Create(value);
        return BoardDefinition.Parse(root.ToJsonString());
    }
}
