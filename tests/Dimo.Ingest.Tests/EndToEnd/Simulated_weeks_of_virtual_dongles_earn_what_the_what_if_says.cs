using System.Text.Json;
using Dimo.Cli.Commands;
using Dimo.Ingest.Hosting;
using Dimo.Core.Crypto;
using Dimo.Core.Obd;
using Dimo.Ingest.Registry;
using Dimo.Verification.TypedData;
using Dimo.Ingest.Rewards;
using Dimo.Ingest.Storage.Sql;
using Dimo.Ingest.Storage.Sqlite;
using Dimo.Rewards.Engine;
using Dimo.Rewards.Rules;
using Dimo.Rewards.WhatIf;
using Dimo.Simulator.Dongles;
using Dimo.Simulator.Provisioning;

namespace Dimo.Ingest.Tests.EndToEnd;

/// <summary>
/// Virtual dongles drive through the ingestor over MQTT for six simulated weeks (virtual time 150,000 times real time: a week in 4 s,
/// the host's clock running with them), each active in its planned weeks only; then the weekly jobs compute every week
/// from the store, and each stored week equals the what-if of the same history (owner, device, VIN and stake fixed).
/// </summary>
public sealed class Simulated_weeks_of_virtual_dongles_earn_what_the_what_if_says
{
    private const double Scale = 150_000;
    private const int Weeks = 6;
    /// <summary>Dongles are ticked only this far inside a planned week, so no reading lands on either side of its bounds.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromHours(12);

    private sealed record Plan(PrivateKey Key, PrivateKey Owner, string CarVin, string RegisteredVin, int[] ActiveWeeks);

    private static PrivateKey Key(byte tag) => PrivateKey.FromBytes(Enumerable.Repeat(tag, 32).ToArray());

    [Fact]
    public async Task Weekly_jobs_over_the_ingested_history_store_what_the_what_if_computes()
    {
        var ownerA = Key(0x71);
        var ownerB = Key(0x72);
        string sharedVin = VirtualDongleOptions.VinFor(700), ownVin = VirtualDongleOptions.VinFor(701);
        Plan[] plans =
        [
            // A drives every week and is staked for the first three; B (same VIN, higher id) takes the VIN in weeks 2-3.
            new(Key(0x81), ownerA, sharedVin, sharedVin, [0, 1, 2, 3, 4, 5]),
            new(Key(0x82), ownerB, sharedVin, sharedVin, [2, 3]),
            // C stops after week 3: its streak is carried, then missed.
            new(Key(0x83), ownerB, ownVin, ownVin, [0, 1, 2, 3]),
            // D's car reports another VIN than the one registered: no attestation.
            new(Key(0x84), ownerA, VirtualDongleOptions.VinFor(702), VirtualDongleOptions.VinFor(703), [1, 2, 3]),
        ];

        long startMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var clock = new FastClock(startMs, Scale);
        var mintWeek = IssuanceWeek.Of(DateTimeOffset.FromUnixTimeMilliseconds(startMs));
        var first = mintWeek + 1;
        var stakeEnds = IssuanceWeek.End(first + 2) + TimeSpan.FromHours(1);
        await using var ingest = await EmbeddedIngest.StartAsync(clock: clock);
        var registry = new RegistryClient(ingest.Http);
        var vehicles = new long[plans.Length];
        for (var i = 0; i < plans.Length; i++)
            vehicles[i] = (await registry.ProvisionAsync(plans[i].Key, plans[i].Owner, plans[i].RegisteredVin, CancellationToken.None)).VehicleNode;
        var domain = ingest.Host.Registry.Domain;
        long stakeEndsSeconds = stakeEnds.ToUnixTimeSeconds();
        await ingest.Host.Registry.SetStakeAsync(vehicles[0], 1000, stakeEndsSeconds,
            ownerA.Sign(domain.Digest(DimoMessages.SetVehicleStake.HashStruct(vehicles[0], 1000L, stakeEndsSeconds))));

        var dongles = new List<(VirtualDongle Dongle, Plan Plan)>();
        try
        {
            foreach (var plan in plans)
            {
                var dongle = new VirtualDongle(new VirtualDongleOptions
                {
                    Mqtt = new Uri("mqtt://127.0.0.1:" + ingest.Host.MqttPort),
                    Key = plan.Key,
                    Vin = plan.CarVin,
                    // The dongle runs on the host's clock from the host's now: its login tokens and readings are on the
                    // host's time exactly, however long the machine takes between steps.
                    Time = clock,
                    StartUnixMilliseconds = clock.GetUtcNow().ToUnixTimeMilliseconds(),
                    PollTemplate = HourlyPolls(),
                    SampleIntervalMilliseconds = 3_600_000,
                    BatchIntervalMilliseconds = 6 * 3_600_000,
                });
                dongles.Add((dongle, plan));
            }
            foreach (var (dongle, _) in dongles)
                await dongle.ConnectAsync();
            // Host time starts only now: the dongles' login tokens were signed at the frozen start, which the host still reads.
            clock.Start();

            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
            var drainFrom = IssuanceWeek.Start(first + Weeks) + Margin;
            while (true)
            {
                Assert.True(DateTime.UtcNow < deadline, "the simulated weeks did not finish within 3 minutes");
                var draining = true;
                foreach (var (dongle, plan) in dongles)
                {
                    var now = clock.GetUtcNow();
                    if (now >= drainFrom)
                    {
                        // After the planned weeks: tick until every sealed batch is acknowledged.
                        dongle.Tick();
                        draining &= dongle.Spool.PendingCount == 0 && dongle.Loop.BatchesSealed > 0;
                        continue;
                    }
                    draining = false;
                    var week = IssuanceWeek.Of(now);
                    if (plan.ActiveWeeks.Contains((int)(week - first)) && now >= IssuanceWeek.Start(week) + Margin && now < IssuanceWeek.End(week) - Margin)
                        dongle.Tick();
                }
                if (draining)
                    break;
                await Task.Delay(10);
            }
        }
        finally
        {
            foreach (var (dongle, _) in dongles)
                await dongle.DisposeAsync();
        }
        await ingest.StopHostAsync();

        await using var batches = await SqlBatchStore.OpenAsync(new SqliteDatabase(ingest.DataDirectory));
        var job = new WeeklyRewardsJob(batches, await SqlRegistryStore.OpenAsync(batches.Database),
            await SqlRewardStore.OpenAsync(batches.Database), WeeklyRewardsJob.DefaultRules);
        var scenario = Scenario(plans, vehicles, mintWeek, first, stakeEnds);
        var jobsRunAt = IssuanceWeek.End(first + Weeks) + WeeklyRewardsJob.GracePeriod;
        var stored = new Dictionary<long, StoredWeek>();
        for (var week = mintWeek; week < first + Weeks; week++)
        {
            stored[week] = await job.RunAsync(week, jobsRunAt);
            var whatIf = WhatIfReplay.Run(scenario with { Week = week }).Week;
            Assert.Equal(whatIf.Rows.OrderBy(r => r.VehicleId), stored[week].Rows);
            Assert.Equal(whatIf.Checks.OrderBy(c => c.VehicleId), stored[week].Checks);
            Assert.Equal((whatIf.TotalPoints, whatIf.LimitWei, whatIf.DistributedWei), (stored[week].TotalPoints, stored[week].LimitWei, stored[week].DistributedWei));
            Assert.Equal(WeekClaims.Of(whatIf.Rows).Root, stored[week].Claims.Root);
            // Every active vehicle is active because of stored batches: the audit trail names them.
            Assert.All(stored[week].Checks, c => Assert.NotEmpty(stored[week].BatchHashes[c.VehicleId]));
        }

        // The history exercised the rules: the mint week is empty, B won the shared VIN while active, D never attested,
        // C's streak was carried into its missed weeks, and A reached the first streak level in the last week.
        Assert.Empty(stored[mintWeek].Checks);
        Assert.Equal(Eligibility.VinAlreadyUsed, stored[first + 2].Checks.Single(c => c.VehicleId == vehicles[0]).Reason);
        Assert.Equal(Eligibility.Ok, stored[first + 2].Checks.Single(c => c.VehicleId == vehicles[1]).Reason);
        Assert.Equal(Eligibility.NoVinAttestation, stored[first + 3].Checks.Single(c => c.VehicleId == vehicles[3]).Reason);
        Assert.Equal(new StreakState(4, 1), stored[first + 4].Rows.Single(r => r.VehicleId == vehicles[2]).State);
        var lastA = stored[first + 5].Rows.Single(r => r.VehicleId == vehicles[0]);
        Assert.Equal((true, 4, 1000L, 0L), (lastA.Connected, lastA.State.StreakWeeks, lastA.LevelPoints, lastA.StakePoints));
        Assert.Equal(1000L, stored[first + 1].Rows.Single(r => r.VehicleId == vehicles[0]).StakePoints);

        // A third party recomputes every week from what the API publishes; owner A's login re-verifies the signed
        // batches of A's vehicles (A and D), the others' batches are checked by hash.
        await using var api = await IngestHost.StartAsync(new IngestHostOptions { DataDirectory = ingest.DataDirectory, HttpPort = 0, MqttPort = 0 });
        using var http = new HttpClient { BaseAddress = api.HttpBaseAddress };
        var token = await new RegistryClient(http).SignInAsync(ownerA, CancellationToken.None);
        for (var week = first; week < first + Weeks; week++)
        {
            var output = new StringWriter();
            Assert.Equal(0, await RewardsVerifyCommand.VerifyAsync(week, api.HttpBaseAddress, token, output, CancellationToken.None));
            var report = JsonDocument.Parse(output.ToString()).RootElement;
            var ofOwnerA = stored[week].BatchHashes.Where(h => h.Key == vehicles[0] || h.Key == vehicles[3]).Sum(h => h.Value.Count);
            Assert.Equal((ofOwnerA, stored[week].BatchHashes.Values.Sum(h => h.Count) - ofOwnerA),
                (report.GetProperty("batchesVerified").GetInt32(), report.GetProperty("batchesHashChecked").GetInt32()));
            Assert.True(report.GetProperty("carriedInRecomputed").GetBoolean());
        }
    }

    /// <summary>The same history as a what-if: every vehicle minted in the mint week, active in its planned weeks.</summary>
    private static Scenario Scenario(Plan[] plans, long[] vehicles, long mintWeek, long first, DateTimeOffset stakeEnds) =>
        new(0, WeeklyRewardsJob.DefaultRules, plans.Select((plan, i) =>
        {
            var owner = EthAddress.ToChecksumString(plan.Owner.Address);
            return new ScenarioVehicle(vehicles[i], plan.CarVin == plan.RegisteredVin ? plan.RegisteredVin : null, owner, mintWeek,
                new AftermarketConnection(DeviceRecord.DefaultType, owner), ActiveWeeks.From(plan.ActiveWeeks.Select(w => (first + w, first + w)), mintWeek),
                null, ActiveWeeks.None, i == 0 ? new Stake(1000, stakeEnds) : null);
        }).ToList());

    /// <summary>Speed and rpm hourly (virtual), the VIN every six hours, so every active week attests the VIN.</summary>
    private static PollTemplate HourlyPolls()
    {
        var template = new PollTemplate();
        template.AddPid(0x0C, 3_600_000);
        template.AddPid(0x0D, 3_600_000);
        template.Add(new PollItem(PollItemKind.Vin, 0, 6 * 3_600_000));
        return template;
    }
}
