using Dimo.Testing;
using Xunit.Abstractions;

namespace Dimo.Cli.Tests.Readme;

/// <summary>
/// The README is the front door: every command in it runs as written (see its "This README is tested" section for
/// the rules), so a README change that breaks a command fails CI.
/// </summary>
public class Readme_commands_run_as_written(ITestOutputHelper log)
{
    private static readonly string[] Files = ["README.md", Path.Combine("firmware", "README.md")];

    [SharedFolderFact]
    public async Task Every_command_of_the_readmes_runs_in_a_fresh_copy_of_the_checkout()
    {
        using var checkout = new ReadmeCheckout(log);
        int ran = 0;
        foreach (var file in Files)
        {
            var markdown = File.ReadAllText(Path.Combine(checkout.Root, file));
            var ports = ReadmeScripts.ExamplePorts(markdown).ToDictionary(port => port, _ => FreeTcpPort.Next());
            foreach (var script in ReadmeScripts.Parse(markdown, file))
            {
                foreach (var skipped in script.Skipped)
                    log.WriteLine($"{file}:{skipped.Line}: not run ({ReadmeScripts.SkipReason(skipped.Text)}): `{skipped.Text}`");
                var running = new List<ReadmeCheckout.Background>();
                try
                {
                    foreach (var command in script.Commands)
                    {
                        var text = ReadmeScripts.SubstitutePorts(command.Text, ports);
                        var where = $"{file}:{command.Line}";
                        if (command.RunsUntilCtrlC)
                            running.Add(await checkout.StartAsync(text, where));
                        else
                            await checkout.RunAsync(text, where);
                        ran++;
                    }
                    // Ctrl+C in the reverse order of starting: the clients' servers stop last.
                    for (int i = running.Count - 1; i >= 0; i--)
                        await running[i].StopAsync();
                }
                finally
                {
                    foreach (var background in running)
                        await background.DisposeAsync();
                }
            }
        }
        Assert.True(ran >= 10, $"only {ran} README commands ran: did the parser miss a block or the CLI table?");
    }

    [Fact]
    public void The_readme_runs_its_blocks_and_its_cli_table_and_skips_only_the_test_command()
    {
        var markdown = File.ReadAllText(RepositoryRoot.File("README.md"));

        var scripts = ReadmeScripts.Parse(markdown, "README.md");

        var skipped = scripts.SelectMany(s => s.Skipped).Select(c => c.Text).ToList();
        Assert.Equal(["tests/run-all.sh"], skipped);
        var commands = scripts.SelectMany(s => s.Commands).ToList();
        Assert.All(commands, c => Assert.Matches(@"^(\./dimo|curl) ", c.Text));
        Assert.Contains(commands, c => c.RunsUntilCtrlC && c.Text.Contains("ingest --dev"));
        Assert.Contains(commands, c => c.Text.StartsWith("./dimo key new --out ", StringComparison.Ordinal));
        Assert.Equal([1883, 1884, 8080], ReadmeScripts.ExamplePorts(markdown).Order());
    }
}
