using System.Text.RegularExpressions;

namespace Dimo.Cli.Tests.Readme;

/// <summary>One command of a README, as written, with where it came from.</summary>
public sealed record ReadmeCommand(string Text, int Line, bool RunsUntilCtrlC);

/// <summary>
/// Commands that run together: one <c>sh</c> block, or the example column of one table. A command that runs until
/// Ctrl+C stays up until the script's end, so the commands after it can use it.
/// </summary>
public sealed record ReadmeScript(string Source, int Line, IReadOnlyList<ReadmeCommand> Commands, IReadOnlyList<ReadmeCommand> Skipped);

/// <summary>
/// Reads the runnable commands of a Markdown file, by the rules its "This README is tested" section states: every
/// <c>sh</c>/<c>bash</c>/<c>shell</c> block and every table with an <c>example</c> column is one script; comment lines
/// are not commands, a trailing backslash continues a line; a comment saying <c>until Ctrl+C</c> marks a long-running
/// command; the test command, package installs and commands needing a serial port are skipped.
/// </summary>
public static partial class ReadmeScripts
{
    public const string FreePortPhrase = "port 0 picks a free port";

    public static IReadOnlyList<ReadmeScript> Parse(string markdown, string source)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var scripts = new List<ReadmeScript>();
        for (int i = 0; i < lines.Length; i++)
        {
            var fence = CodeFence().Match(lines[i]);
            if (fence.Success)
            {
                int start = i;
                var body = new List<(string, int)>();
                for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal); i++)
                    body.Add((lines[i], i + 1));
                if (fence.Groups["lang"].Value is "sh" or "bash" or "shell")
                    scripts.Add(Script(source, start + 1, JoinContinuations(body)));
                continue;
            }
            if (IsTableRow(lines[i]) && i + 1 < lines.Length && IsTableSeparator(lines[i + 1]))
            {
                int start = i;
                int example = Cells(lines[i]).FindIndex(c => c.Trim().Equals("example", StringComparison.OrdinalIgnoreCase));
                var rows = new List<(string, int)>();
                for (i += 2; i < lines.Length && IsTableRow(lines[i]); i++)
                {
                    var cells = Cells(lines[i]);
                    if (example >= 0 && example < cells.Count)
                        rows.AddRange(CodeSpan().Matches(cells[example]).Select(m => (m.Groups["code"].Value.Replace("\\|", "|"), i + 1)));
                }
                i--;
                if (example >= 0)
                    scripts.Add(Script(source, start + 1, rows));
            }
        }
        return scripts;
    }

    /// <summary>The port numbers on every line that says "port 0 picks a free port".</summary>
    public static IReadOnlySet<int> ExamplePorts(string markdown) =>
        markdown.Split('\n')
            .Where(line => line.Contains(FreePortPhrase, StringComparison.Ordinal))
            .SelectMany(line => PortNumber().Matches(line).Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)))
            .Where(port => port is > 0 and < 65536)
            .ToHashSet();

    /// <summary>The command with each example port replaced by its stand-in (whole numbers only).</summary>
    public static string SubstitutePorts(string command, IReadOnlyDictionary<int, int> ports) =>
        PortNumber().Replace(command, m => ports.TryGetValue(int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture), out var port)
            ? port.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : m.Value);

    /// <summary>Why a command is not run here, or null when it runs.</summary>
    public static string? SkipReason(string command)
    {
        var program = command.TrimStart();
        if (program.StartsWith("tests/run-all.sh", StringComparison.Ordinal) || program.StartsWith("./tests/run-all.sh", StringComparison.Ordinal))
            return "the test command cannot run inside itself";
        if (PackageInstall().IsMatch(command))
            return "installs system packages";
        if (command.Contains("/dev/tty", StringComparison.Ordinal))
            return "needs a dongle on a serial port";
        return null;
    }

    private static ReadmeScript Script(string source, int line, List<(string Text, int Line)> commands)
    {
        var run = new List<ReadmeCommand>();
        var skipped = new List<ReadmeCommand>();
        foreach (var (text, number) in commands)
        {
            var trimmed = text.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
                continue;
            var command = new ReadmeCommand(trimmed, number, UntilCtrlC().IsMatch(trimmed));
            (SkipReason(trimmed) == null ? run : skipped).Add(command);
        }
        return new ReadmeScript(source, line, run, skipped);
    }

    private static List<(string, int)> JoinContinuations(List<(string Text, int Line)> lines)
    {
        var joined = new List<(string, int)>();
        for (int i = 0; i < lines.Count; i++)
        {
            var (text, line) = lines[i];
            while (text.TrimEnd().EndsWith('\\') && i + 1 < lines.Count)
                text = text.TrimEnd()[..^1].TrimEnd() + " " + lines[++i].Text.Trim();
            joined.Add((text, line));
        }
        return joined;
    }

    private static bool IsTableRow(string line) => line.TrimStart().StartsWith('|');

    private static bool IsTableSeparator(string line) => TableSeparator().IsMatch(line);

    // Splits on pipes that are not escaped (\|) and not inside a code span.
    private static List<string> Cells(string row)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        bool inCode = false;
        var text = row.Trim().Trim('|');
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\\' && i + 1 < text.Length && text[i + 1] == '|')
            {
                cell.Append("\\|");
                i++;
                continue;
            }
            if (c == '`')
                inCode = !inCode;
            if (c == '|' && !inCode)
            {
                cells.Add(cell.ToString());
                cell.Clear();
                continue;
            }
            cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }

    [GeneratedRegex(@"^\s*```(?<lang>[A-Za-z]*)")]
    private static partial Regex CodeFence();

    [GeneratedRegex(@"^\s*\|(\s*:?-{3,}:?\s*\|)+\s*$")]
    private static partial Regex TableSeparator();

    [GeneratedRegex(@"`(?<code>[^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"#.*\buntil Ctrl\+C\b")]
    private static partial Regex UntilCtrlC();

    [GeneratedRegex(@"\b(apt-get|apt|sudo|dpkg)\b\s|\bnpm\s+(install|i)\s+(-g|--global)\b")]
    private static partial Regex PackageInstall();

    [GeneratedRegex(@"(?<![\d.])\d{4,5}(?![\d.])")]
    private static partial Regex PortNumber();
}
