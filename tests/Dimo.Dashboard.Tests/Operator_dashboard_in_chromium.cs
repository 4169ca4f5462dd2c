using System.Text.RegularExpressions;
using Dimo.Core.Crypto;
using Dimo.Core.DeviceContract;
using Dimo.Core.Wire;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;
using Dimo.Simulator.Provisioning;
using Dimo.Testing;
using Microsoft.Playwright;

namespace Dimo.Dashboard.Tests;

/// <summary>
/// The operator's dashboard in a real browser (Debian's chromium, driven by Playwright) against a real <c>dimo demo</c>:
/// the printed link logs in, the accepted count rises live, a forged batch shows up as a <c>forged</c> reject within
/// seconds and a click lists it, and the devices view lists the fleet. Saves a screenshot of the dashboard (to
/// <c>DIMO_DASHBOARD_SCREENSHOT</c> when set: tests/dashboard-screenshot.sh uses it for the README, with
/// <c>DIMO_DASHBOARD_DONGLES</c> and <c>DIMO_DASHBOARD_SCREENSHOT_AFTER</c> seconds of charts).
/// </summary>
public sealed class Operator_dashboard_in_chromium
{
    private static readonly int Dongles = int.TryParse(Environment.GetEnvironmentVariable("DIMO_DASHBOARD_DONGLES"), out var n) ? n : 3;
    private const string Chromium = "/usr/bin/chromium";
    private static readonly float Patience = 60_000;

    [Fact]
    public async Task The_demo_link_logs_in_and_the_dashboard_shows_ingest_live_a_forged_reject_and_the_devices()
    {
        Assert.True(File.Exists(Chromium), "Debian's chromium is missing: apt-get install chromium (tests/run-all.sh does)");
        using var directory = new TempDirectory("dimo-dashboard");
        await using var demo = await DemoProcess.StartAsync(directory.Path, "--devices", Dongles.ToString(), "--batch-interval", "0.5");
        Assert.StartsWith("Dashboard ", demo.Lines[0]);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Root needs --no-sandbox; the rest keeps Chromium off the network it would otherwise call home to.
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        page.SetDefaultTimeout(Patience);

        try
        {
            await page.GotoAsync(demo.DashboardLogin.ToString());
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("^[^#]*/$"), new() { Timeout = Patience });
            await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("live", new() { Timeout = Patience });
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            var error = page.Url.Contains("/login") ? await page.Locator("#error").TextContentAsync() : "";
            throw new InvalidOperationException($"the login link did not open the live dashboard: at {page.Url} ({error})\n{demo.Output}", e);
        }

        var accepted = page.Locator("#accepted-total");
        await Assertions.Expect(accepted).ToHaveTextAsync(new Regex("^[1-9][0-9,]*$"), new() { Timeout = Patience });
        var first = Count(await accepted.TextContentAsync());
        await page.WaitForFunctionAsync("n => Number(document.getElementById('accepted-total').textContent.replace(/[^0-9]/g, '')) > n", first,
            new() { Timeout = Patience });

        var attacker = await PublishForgedBatchAsync(demo);
        await Assertions.Expect(page.Locator("#reason-forged td").Nth(1)).ToHaveTextAsync("1", new() { Timeout = 10_000 });
        await page.Locator("#reason-forged").ClickAsync();
        await Assertions.Expect(page.Locator("#rejects-table")).ToContainTextAsync(attacker, new() { Timeout = Patience });

        // For the README only: let the charts fill before the picture is taken.
        if (double.TryParse(Environment.GetEnvironmentVariable("DIMO_DASHBOARD_SCREENSHOT_AFTER"), out var seconds))
            await page.WaitForTimeoutAsync((float)(seconds * 1000));
        var screenshot = Environment.GetEnvironmentVariable("DIMO_DASHBOARD_SCREENSHOT") is { Length: > 0 } path ? path : Path.Combine(directory.Path, "dashboard.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(screenshot)[..4]);

        await page.Locator("#tab-devices").ClickAsync();
        // The demo's dongles and the attacker's device, each minted through the registry API.
        await Assertions.Expect(page.Locator("#devices-table tbody tr")).ToHaveCountAsync(Dongles + 1, new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("#device-count")).ToHaveTextAsync($"{Dongles + 1} devices");
        await page.Locator("#device-search").FillAsync(attacker);
        await Assertions.Expect(page.Locator("#devices-table tbody tr")).ToHaveCountAsync(1, new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("#devices-table tbody tr")).ToContainTextAsync("forged");
    }

    private static long Count(string? text) => long.Parse(Regex.Replace(text ?? "", "[^0-9]", ""));

    /// <summary>
    /// Registers a device of its own through the demo's API, logs in as it, and publishes on its own topic a batch signed
    /// by another key: the signature recovers another address than the topic's, so it is forged.
    /// </summary>
    private static async Task<string> PublishForgedBatchAsync(DemoProcess demo)
    {
        var attacker = PrivateKey.FromBytes(Enumerable.Repeat((byte)0x7A, 32).ToArray());
        var signer = PrivateKey.FromBytes(Enumerable.Repeat((byte)0x7B, 32).ToArray());
        var owner = PrivateKey.FromBytes(Enumerable.Repeat((byte)0x7C, 32).ToArray());
        using var http = new HttpClient { BaseAddress = demo.Http };
        await new RegistryClient(http).ProvisionAsync(attacker, owner, "5YJ3E1EA8KF000001", CancellationToken.None);
        var address = EthAddress.ToLowerString(attacker.Address);
        await using var client = new MqttClient(new MqttClientOptions
        {
            Server = demo.Mqtt,
            ProtocolVersion = MqttProtocolVersion.V500,
            ClientId = address,
            Reconnect = MqttReconnectPolicy.Never,
            Credentials = _ => ValueTask.FromResult<MqttCredentials?>(new MqttCredentials(address, DeviceLoginToken.Create(attacker, DateTimeOffset.UtcNow.ToUnixTimeSeconds()))),
        });
        await client.ConnectAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var forged = SignedBatch.Seal(new BatchWriter().WriteBody(1, 1, [new Reading(1, now, 42)]), signer);
        var refused = await Assert.ThrowsAsync<MqttClientException>(() => client.PublishAsync(DeviceTopics.Batches(address), forged, MqttQualityOfService.AtLeastOnce));
        Assert.Equal(MqttReasonCode.NotAuthorized, refused.ReasonCode);
        return address;
    }
}
