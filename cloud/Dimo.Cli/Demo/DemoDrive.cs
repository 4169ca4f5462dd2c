namespace Dimo.Cli.Demo;

/// <summary>
/// What the demo's dongles replay: a candump log with the vehicle selection (or DBC) that decodes it, or nothing
/// (a drive synthesised by the simulator's ECU). <see cref="Description"/> says which, for the user.
/// </summary>
public sealed record DemoDrive(FileInfo? Candump, FileInfo? Dbc, string Description)
{
    /// <summary>
    /// Pauses in a replayed log are shortened to this many seconds. The shared recording of a Civic being switched on
    /// is silent for 10 s after its first 0.2 s (and for 8 s more soon after); dongles seal a batch only when they
    /// read something, so a short demo on the log as recorded showed one batch per dongle, whatever the batch interval.
    /// </summary>
    public const double MaxReplayPauseSeconds = 1;

    /// <summary>The team's real recording of a Civic Type R starting and driving, and the selection that decodes it.</summary>
    private const string SharedLog = "honda_civic_type_r_2019_turnonanddrive.log";
    private const string SharedLogSelection = "honda_civic_2017.json";

    /// <summary>
    /// The log the user gave, else the shared real log when the checkout sits beside <c>shared/canlogs</c>, else a
    /// synthesised drive.
    /// </summary>
    public static DemoDrive Choose(FileInfo? candump, FileInfo? dbc)
    {
        if (candump != null || dbc != null)
        {
            if (candump == null || dbc == null)
                throw new CliException("--candump and --dbc go together: give both, or neither", CliRunner.UsageError);
            return new DemoDrive(candump, dbc, "replaying " + candump.Name + " decoded with " + dbc.Name);
        }
        if (FindRepositoryRoot() is { } root)
        {
            var log = new FileInfo(Path.Combine(root.Parent?.FullName ?? root.FullName, "shared", "canlogs", SharedLog));
            var selection = new FileInfo(Path.Combine(root.FullName, "cloud", "Dimo.Dbc", "selections", SharedLogSelection));
            if (log.Exists && selection.Exists)
                return new DemoDrive(log, selection, "replaying the real CAN log ../shared/canlogs/" + SharedLog + " decoded with selections/" + SharedLogSelection);
        }
        return new DemoDrive(null, null, "no real CAN log found (../shared/canlogs): synthesising a drive with the ECU simulator");
    }

    /// <summary>The checkout (the folder holding Dimo.sln), searched upward from the working directory, then from the program.</summary>
    private static DirectoryInfo? FindRepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory != null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Dimo.sln")))
                    return directory;
            }
        }
        return null;
    }
}
