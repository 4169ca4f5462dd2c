using Dimo.Core.Crypto;
using Dimo.Core.Wire;
using Dimo.Ingest.Hosting;
using Dimo.Ingest.Registry;
using Dimo.Ingest.Rewards;
using Dimo.Ingest.Storage;
using Dimo.Ingest.Storage.Sql;
using Dimo.Ingest.Storage.Sqlite;
using Dimo.Rewards.Rules;
using Dimo.Testing;
using Microsoft.Playwright;

namespace Dimo.Dashboard.Tests;

/// <summary>
/// The dashboard's Rewards tab in Debian's chromium: a computed week's anomaly flags and its late batch, as the
/// operator API serves them; a week not computed says so.
/// </summary>
public sealed class Reward_flags_in_chromium
{
    private const string Chromium = "/usr/bin/chromium";
    private const long Week = 150;
    private const string OperatorToken = "operator-token-for-tests-0123456789";

    /// <summary>One dongle that drove for a moment in <see cref="Week"/> (briefly online, one value), computed; then a late batch.</summary>
    private static async Task SeedAsync(string dataDirectory)
    {
        await using var batches = await SqlBatchStore.OpenAsync(new SqliteDatabase(dataDirectory));
        var registry = await SqlRegistryStore.OpenAsync(batches.Database);
        var rewards = await SqlRewardStore.OpenAsync(batches.Database);
        var device = PrivateKey.FromBytes(Enumerable.Repeat((byte)0x44, 32).ToArray());
        var owner = PrivateKey.FromBytes(Enumerable.Repeat((byte)0x55, 32).ToArray());
        await registry.EnsureManufacturerAsync(new byte[20], "test", 0);
        var minted = await registry.MintDeviceAsync(device.Address, new byte[20], 0);
        await registry.SetDeviceOwnerAsync(minted.Node, owner.Address);
        var vehicle = await registry.CreateVehicleAsync("1HGCM82633A004352", owner.Address, 0);
        await registry.SetPairingAsync(minted.Node, vehicle.Node);
        var t = IssuanceWeek.Start(Week).ToUnixTimeMilliseconds() + 60_000;
        async Task StoreAsync(uint seq, long receivedMs)
        {
            var raw = SignedBatch.Seal(new BatchWriter().WriteBody(1, seq, [new Reading(1, t + seq, 50), new Reading(46, t, "1HGCM82633A004352")]), device);
            await batches.StoreAsync(new BatchRecord(new StoredBatch(device.Address, vehicle.Node, 1, seq, t, t + seq, 2, 0, receivedMs, raw), [], null));
        }
        await StoreAsync(1, t);
        var job = new WeeklyRewardsJob(batches, registry, rewards, WeeklyRewardsJob.DefaultRules);
        var computed = await job.RunAsync(Week, IssuanceWeek.End(Week + 1));
        await StoreAsync(2, computed.ComputedMs + 1000);
        await job.RunAsync(Week, IssuanceWeek.End(Week + 1));
    }

    [Fact]
    public async Task The_rewards_tab_lists_a_weeks_anomaly_flags_and_late_batches()
    {
        Assert.True(File.Exists(Chromium), "Debian's chromium is missing: apt-get install chromium (tests/run-all.sh does)");
        using var directory = new TempDirectory("dimo-dashboard-rewards");
        await SeedAsync(directory.Path);
        await using var host = await IngestHost.StartAsync(new IngestHostOptions { DataDirectory = directory.Path, HttpPort = 0, MqttPort = 0, OperatorToken = OperatorToken });

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(new Uri(host.HttpBaseAddress, "login").ToString());
        Assert.Equal(204, await page.EvaluateAsync<int>(
            "async t => (await fetch('/api/operator/session', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({token: t})})).status",
            OperatorToken));
        await page.GotoAsync(host.HttpBaseAddress.ToString());

        await page.Locator("#tab-rewards").ClickAsync();
        await page.Locator("#reward-week").FillAsync(Week.ToString());
        await page.Locator("#reward-week").DispatchEventAsync("change");

        await Assertions.Expect(page.Locator("#reward-status")).ToHaveTextAsync("2 flags, 1 late batches");
        await Assertions.Expect(page.Locator("#flags-table tbody")).ToContainTextAsync(AnomalyFlags.BrieflyOnline);
        await Assertions.Expect(page.Locator("#flags-table tbody")).ToContainTextAsync(AnomalyFlags.ConstantValuesOnly);
        await Assertions.Expect(page.Locator("#late-table tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#late-table tbody")).ToContainTextAsync("0x");

        await page.Locator("#reward-week").FillAsync((Week + 5).ToString());
        await page.Locator("#reward-week").DispatchEventAsync("change");
        await Assertions.Expect(page.Locator("#reward-status")).ToContainTextAsync($"week {Week + 5} is not computed");
        await Assertions.Expect(page.Locator("#flags-table tbody tr")).ToHaveCountAsync(0);
    }
}
