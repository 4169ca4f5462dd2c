using Dimo.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Dimo.Cli.Tests.Readme;

/// <summary>The runner behind the README test fails where a user would see a failure, and stops servers as Ctrl+C does.</summary>
public class Readme_checkout_copies_the_sources_and_runs_their_commands(ITestOutputHelper log)
{
    // Perl sets its handler even where SIGINT was ignored on entry (a shell's background job), unlike a bash trap.
    private static string Server(int exitOnCtrlC) =>
        $"perl -e '$| = 1; $SIG{{INT}} = sub {{ exit {exitOnCtrlC} }}; print \"listening\\n\"; sleep 600'";

    [SharedFolderFact]
    public async Task A_command_that_exits_non_zero_fails_naming_its_line_and_output()
    {
        using var checkout = new ReadmeCheckout(log);

        var failure = await Assert.ThrowsAnyAsync<XunitException>(() => checkout.RunAsync("ls no-such-file", "README.md:7"));

        Assert.Contains("README.md:7: `ls no-such-file` exited 2", failure.Message);
        Assert.Contains("no-such-file", failure.Message[failure.Message.IndexOf("stderr:", StringComparison.Ordinal)..]);
    }

    [SharedFolderFact]
    public async Task The_copy_holds_the_sources_and_the_shared_folder_beside_them_but_no_build_output()
    {
        using var checkout = new ReadmeCheckout(log);

        await checkout.RunAsync("test -x dimo && test -f Dimo.sln && test -d ../shared/canlogs && test ! -e cloud/Dimo.Cli/bin", "check");
    }

    [SharedFolderFact]
    public async Task A_server_that_exits_before_its_first_line_fails_and_one_that_obeys_ctrl_c_stops_cleanly()
    {
        using var checkout = new ReadmeCheckout(log);

        var early = await Assert.ThrowsAnyAsync<XunitException>(() => checkout.StartAsync("echo oops >&2; exit 3", "README.md:9"));
        await using var server = await checkout.StartAsync(Server(exitOnCtrlC: 0), "README.md:10");
        await server.StopAsync();

        Assert.Contains("exited 3 before printing anything", early.Message);
        Assert.Contains("oops", early.Message);
    }

    [SharedFolderFact]
    public async Task A_server_that_ignores_ctrl_c_fails_the_test()
    {
        using var checkout = new ReadmeCheckout(log);
        await using var server = await checkout.StartAsync(Server(exitOnCtrlC: 5), "README.md:11");

        var failure = await Assert.ThrowsAnyAsync<XunitException>(server.StopAsync);

        Assert.Contains("exited 5 on Ctrl+C", failure.Message);
    }
}
