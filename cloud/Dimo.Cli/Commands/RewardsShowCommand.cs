using System.CommandLine;
using System.Text.Json;
using Dimo.Ingest.Rewards;
using Dimo.Ingest.Storage;

namespace Dimo.Cli.Commands;

/// <summary>
/// <c>dimo rewards show --week N [--data-dir DIR | --postgres CONN]</c>: prints a computed week as stored, as JSON:
/// its summary, every reward row, every active vehicle's check with the hashes of the batches that made it active,
/// and the claims with their proofs. Exit 1 with one line for a week not computed or an unreachable database.
/// </summary>
public static class RewardsShowCommand
{
    public static Command Create()
    {
        var weekOption = new Option<long>("--week") { Description = "the computed issuance week to print", Required = true };
        var dataDir = IngestCommand.DataDirOption();
        var postgres = RewardsRunCommand.PostgresOption();
        var command = new Command("show", "Print a computed week as stored (rows, checks with batch hashes, claims with proofs) as JSON")
        {
            weekOption, dataDir, postgres,
        };
        command.SetAction((parsed, cancellationToken) => ShowAsync(parsed.GetValue(weekOption), parsed.GetValue(dataDir)!, parsed.GetValue(postgres),
            parsed.InvocationConfiguration.Output, cancellationToken));
        return command;
    }

    public static async Task<int> ShowAsync(long week, string dataDirectory, string? postgres, TextWriter output, CancellationToken cancellationToken)
    {
        await using var database = RewardsRunCommand.Database(dataDirectory, postgres);
        StoredWeek? stored;
        try
        {
            var rewards = await SqlRewardStore.OpenAsync(database, cancellationToken);
            stored = await rewards.GetWeekAsync(week, cancellationToken);
        }
        catch (StorageUnavailableException e)
        {
            throw new CliException(e.Message + " (check --data-dir or --postgres)");
        }
        if (stored == null)
            throw new CliException($"week {week} is not computed: run `dimo rewards run --week {week}` on the same database first");
        output.WriteLine(JsonSerializer.Serialize(WeekViews.Full(stored)));
        output.Flush();
        return CliRunner.Success;
    }
}
