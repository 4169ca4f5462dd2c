using System.CommandLine;
using System.Text.Json;
using Dimo.Ingest.Registry;
using Dimo.Ingest.Rewards;
using Dimo.Ingest.Storage;
using Dimo.Ingest.Storage.Postgres;
using Dimo.Ingest.Storage.Sql;
using Dimo.Ingest.Storage.Sqlite;
using Dimo.Rewards.Rules;

namespace Dimo.Cli.Commands;

/// <summary>
/// <c>dimo rewards run --week N [--data-dir DIR | --postgres CONN] [--points TYPE=N ...]</c>: computes a finished issuance week from the
/// ingestor's database with the weekly job and prints its summary as JSON. A computed week is printed as stored.
/// Exit 1 with one line when the week is unfinished, out of order, or the database is unreachable.
/// </summary>
public static class RewardsRunCommand
{
    public static Command Create()
    {
        var weekOption = new Option<long>("--week")
        {
            Description = "issuance week to compute (week 0 starts 2022-01-31 05:00 UTC)",
            Required = true,
        };
        var dataDir = IngestCommand.DataDirOption();
        var postgres = PostgresOption();
        var points = RewardPointsOption.Create();
        var command = new Command("run", $"Compute a finished week (its end plus {WeeklyRewardsJob.GracePeriod.TotalHours:0} h for late batches) and store its rewards")
        {
            weekOption, dataDir, postgres, points,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(parsed.GetValue(weekOption), parsed.GetValue(dataDir)!, parsed.GetValue(postgres),
            DateTimeOffset.UtcNow, parsed.InvocationConfiguration.Output, cancellationToken, parsed.GetValue(points)));
        return command;
    }

    public static async Task<int> RunAsync(long week, string dataDirectory, string? postgres, DateTimeOffset now, TextWriter output, CancellationToken cancellationToken,
        RewardRules? rules = null)
    {
        var database = Database(dataDirectory, postgres);
        SqlBatchStore? batches = null;
        try
        {
            batches = await SqlBatchStore.OpenAsync(database, cancellationToken);
            var registry = await SqlRegistryStore.OpenAsync(database, cancellationToken);
            var rewards = await SqlRewardStore.OpenAsync(database, cancellationToken);
            var stored = await new WeeklyRewardsJob(batches, registry, rewards, rules ?? WeeklyRewardsJob.DefaultRules).RunAsync(week, now, cancellationToken);
            output.WriteLine(JsonSerializer.Serialize(WeekViews.Summary(stored)));
            output.Flush();
            return CliRunner.Success;
        }
        catch (RewardsJobException e)
        {
            throw new CliException(e.Message);
        }
        catch (StorageUnavailableException e)
        {
            throw new CliException(e.Message + " (check --data-dir or --postgres)");
        }
        finally
        {
            // The batch store owns the database once open.
            if (batches != null)
                await batches.DisposeAsync();
            else
                await database.DisposeAsync();
        }
    }

    /// <summary>Where the ingestors keep their data: PostgreSQL when given, else the SQLite file in the data directory.</summary>
    public static Option<string?> PostgresOption() =>
        new("--postgres") { Description = "the ingestors' PostgreSQL (Npgsql connection string) instead of SQLite" };

    public static SqlDatabase Database(string dataDirectory, string? postgres) =>
        postgres != null ? new PostgresDatabase(postgres) : new SqliteDatabase(dataDirectory);
}
