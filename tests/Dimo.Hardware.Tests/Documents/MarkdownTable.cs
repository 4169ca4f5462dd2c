namespace Dimo.Hardware.Tests.Documents;

/// <summary>Reads the rows of the Markdown table whose header row starts with the given cells.</summary>
public static class MarkdownTable
{
    public static IReadOnlyList<string[]> Rows(string markdown, params string[] headerStart)
    {
        var lines = markdown.Split('\n').Select(l => l.Trim()).ToList();
        int header = lines.FindIndex(l => l.StartsWith('|') && Cells(l).Take(headerStart.Length).SequenceEqual(headerStart));
        Assert.True(header >= 0, $"no table with header | {string.Join(" | ", headerStart)} |");
        return lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).Select(Cells).ToList();
    }

    private static string[] Cells(string line) => line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
}
