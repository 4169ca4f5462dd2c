using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Decode;

/// <summary>
/// The real-log tests (Decode_reads_every_shared_recording_with_its_dbc, the simulator's candump replay) read ../shared through
/// <see cref="SharedFolderTheoryAttribute"/> and <see cref="SharedFolderFactAttribute"/>: skipped, visibly, on a
/// machine without the folder; run under CI, where <see cref="SharedFolder.Path"/> then throws.
/// </summary>
public class Shared_folder_tests_fail_under_ci_instead_of_passing_unchecked
{
    [Fact]
    public void Without_the_folder_they_are_skipped_with_a_reason_outside_ci_and_run_under_ci()
    {
        Assert.Contains("../shared", SharedFolder.SkipReasonFor(present: false, underCi: false));
        Assert.Null(SharedFolder.SkipReasonFor(present: false, underCi: true));
        Assert.Null(SharedFolder.SkipReasonFor(present: true, underCi: false));
    }

    [Fact]
    public void The_real_log_tests_carry_the_shared_folder_attributes()
    {
        var method = typeof(Decode_reads_every_shared_recording_with_its_dbc).GetMethod(nameof(Decode_reads_every_shared_recording_with_its_dbc.Every_shared_recording_decodes_with_its_dbc_without_error))!;

        Assert.Single(method.GetCustomAttributes(typeof(SharedFolderTheoryAttribute), false));
    }
}
