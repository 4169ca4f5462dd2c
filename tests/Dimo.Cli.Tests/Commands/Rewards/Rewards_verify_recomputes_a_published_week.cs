using System.Text.Json.Nodes;
using Dimo.Core.Crypto;
using Dimo.Ingest.Hosting;
using Dimo.Ingest.Storage.Sqlite;
using Dimo.Simulator.Provisioning;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Rewards;

/// <summary>
/// <c>dimo rewards verify</c> against a real ingest host serving a week that <c>dimo rewards run</c> computed from the
/// seeded database: it passes on the honest week, and names the first difference once the stored data is tampered with.
/// </summary>
public sealed class Rewards_verify_recomputes_a_published_week : IAsyncLifetime
{
    private const long Week = Rewards_run_computes_a_finished_week_once.Week;
    private readonly TempDirectory _dir = new();
    private IngestHost _host = null!;

    public async Task InitializeAsync()
    {
        await Rewards_run_computes_a_finished_week_once.SeedAsync(_dir.Path);
        var run = DimoCli.Run("rewards", "run", "--week", Week.ToString(), "--data-dir", _dir.Path);
        Assert.Equal((0, ""), (run.Exit, run.Errors));
        _host = await IngestHost.StartAsync(new IngestHostOptions { DataDirectory = _dir.Path, HttpPort = 0, MqttPort = 0 });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _dir.Dispose();
    }

    private Task<CliRun> VerifyAsync(params string[] more) => VerifyWeekAsync(Week, more);

    private Task<CliRun> VerifyWeekAsync(long week, params string[] more) =>
        Task.Run(() => DimoCli.Run(["rewards", "verify", "--week", week.ToString(), "--api", _host.HttpBaseAddress.ToString(), .. more]));

    private async Task<string> OwnerTokenAsync()
    {
        using var http = new HttpClient { BaseAddress = _host.HttpBaseAddress };
        return await new RegistryClient(http).SignInAsync(Rewards_run_computes_a_finished_week_once.Owner, CancellationToken.None);
    }

    private async Task TamperAsync(string sql)
    {
        await using var database = new SqliteDatabase(_dir.Path);
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.True(await command.ExecuteNonQueryAsync() > 0, sql + " changed nothing");
    }

    private static string OneLine(CliRun run)
    {
        Assert.Equal((1, ""), (run.Exit, run.Output));
        return Assert.Single(run.Errors.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task An_honest_week_passes_hash_checking_batches_it_may_not_read()
    {
        var verify = await VerifyAsync();

        Assert.Equal((0, ""), (verify.Exit, verify.Errors));
        var report = JsonNode.Parse(verify.Output)!;
        Assert.Equal("ok", (string)report["result"]!);
        Assert.Equal((0, 1), ((int)report["batchesVerified"]!, (int)report["batchesHashChecked"]!));
        Assert.Matches("^0x[0-9a-f]{64}$", (string)report["merkleRoot"]!);
    }

    [Fact]
    public async Task With_the_owners_login_the_week_passes_with_every_batch_signature_reverified()
    {
        var verify = await VerifyAsync("--token", await OwnerTokenAsync());

        Assert.Equal((0, ""), (verify.Exit, verify.Errors));
        var report = JsonNode.Parse(verify.Output)!;
        Assert.Equal((1, 0), ((int)report["batchesVerified"]!, (int)report["batchesHashChecked"]!));
    }

    [Fact]
    public async Task A_changed_payout_fails_naming_the_recipient_and_both_amounts()
    {
        await TamperAsync("UPDATE reward_claims SET amount_wei = '1'");

        var line = OneLine(await VerifyAsync());

        Assert.Contains("verification failed: payout of " + EthAddress.ToChecksumString(Rewards_run_computes_a_finished_week_once.Owner.Address), line);
        Assert.Contains("published 1 wei", line);
    }

    [Fact]
    public async Task A_changed_input_fails_on_the_payouts_it_changes()
    {
        // The device's type now earns nothing: the recomputed week pays no one, unlike the published claims.
        await TamperAsync("UPDATE reward_inputs SET device_type = 'unknown-type'");

        var line = OneLine(await VerifyAsync());

        Assert.Contains("verification failed: payout of", line);
        Assert.Contains("recomputed 0 wei", line);
    }

    [Fact]
    public async Task A_tampered_batch_fails_for_a_caller_who_may_read_it_and_is_only_hash_checked_for_others()
    {
        // One byte of the stored signature changes: the bytes served are no longer the ones published by hash.
        await TamperAsync("UPDATE batches SET raw = CAST(substr(raw, 1, length(raw) - 2) || X'00' || substr(raw, length(raw)) AS BLOB)");

        var line = OneLine(await VerifyAsync("--token", await OwnerTokenAsync()));
        Assert.Contains("verification failed: vehicle", line);
        Assert.Contains("is not among the signed batches the API serves for it", line);

        var anonymous = await VerifyAsync();
        Assert.Equal(0, anonymous.Exit);
        Assert.Equal(1, (int)JsonNode.Parse(anonymous.Output)!["batchesHashChecked"]!);
    }

    [Fact]
    public async Task A_changed_streak_carried_in_fails_against_the_recomputed_week_before()
    {
        var next = DimoCli.Run("rewards", "run", "--week", (Week + 1).ToString(), "--data-dir", _dir.Path);
        Assert.Equal((0, ""), (next.Exit, next.Errors));
        var honest = await VerifyWeekAsync(Week + 1);
        Assert.Equal((0, ""), (honest.Exit, honest.Errors));
        Assert.True((bool)JsonNode.Parse(honest.Output)!["carriedInRecomputed"]!);

        // Week 151's inputs carry in week 150's stored rows: a longer streak there pays nothing more, yet is caught.
        await TamperAsync($"UPDATE reward_rows SET streak_weeks = 9 WHERE week = {Week}");

        var line = OneLine(await VerifyWeekAsync(Week + 1));
        Assert.Contains($"week {Week + 1} carries in a streak of 9 with 0 missed, but week {Week} recomputes to a streak of 1 with 0 missed", line);
    }

    [Fact]
    public async Task A_week_not_computed_is_refused_in_one_line()
    {
        var run = await Task.Run(() => DimoCli.Run("rewards", "verify", "--week", (Week + 1).ToString(), "--api", _host.HttpBaseAddress.ToString()));

        Assert.Contains($"week {Week + 1} is not computed", OneLine(run));
    }
}
