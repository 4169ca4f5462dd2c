using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dimo.Core.Crypto;
using Dimo.Core.Power;
using Dimo.Ingest.Hosting;
using Dimo.Simulator.Dongles;
using Dimo.Simulator.Power;
using Dimo.Simulator.Provisioning;
using Dimo.Simulator.Tests.Dongles;
using Dimo.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dimo.Simulator.Tests.Power;

/// <summary>
/// Issue 13: one virtual dongle, built by the core's builder and running the core's power supervisor, lives a simulated
/// day and a half through a real ingestor over MQTT. Host and dongle share one FakeTimeProvider, so login tokens and batch
/// times agree: a morning drive, a park (light sleep after the idle minutes, doors unlocked wake it on traffic), a midday
/// errand during which the operator pushes a new poll template over HTTP, an evening drive with the lights left on until
/// the battery sags below 11.8 V for a minute (deep sleep), and the daily check the next evening that finds it charged.
/// Awake the host moves 2 s a step; asleep it jumps to the dongle's wake, and the dongle's loop is not stepped meanwhile
/// (its MQTT connection stays up: real time barely moves). What the ingestor stored is then read over its HTTP API.
/// </summary>
public sealed class A_simulated_day_reaches_the_ingestor_with_its_readings_config_version_and_sleeps
{
    private const string OperatorToken = "operator-token-for-the-simulated-day-0123";
    private const string PushedTemplate = "0C=5, 0D=2, vin=once";
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    /// <summary>A state is entered within a check (1 s) of the step (2 s) that saw its cause.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(4);

    private static TimeSpan H(double hours) => TimeSpan.FromHours(hours);
    private static TimeSpan M(double minutes) => TimeSpan.FromMinutes(minutes);

    private static readonly (TimeSpan From, TimeSpan To)[] Drives = [(H(1), H(1.75)), (H(6), H(6.5)), (H(11), H(11) + M(40))];

    private static CarPowerProfile Day() => new CarPowerProfile()
        .Drive(Drives[0].From, Drives[0].To)
        .Traffic(Drives[0].To, Drives[0].To + M(1))          // the ECUs settle for a minute after the engine stops
        .Traffic(H(4), H(4) + M(2))                           // doors unlocked: the body bus talks, the engine stays off
        .Drive(Drives[1].From, Drives[1].To)                  // the errand; the operator pushes a config at 6:10
        .Drive(Drives[2].From, Drives[2].To)
        .Traffic(Drives[2].To, H(16))                         // lights left on: the bus stays awake
        .Ramp(Drives[2].To, H(13) + M(40), 12400, 11400)      // and the battery sags, below 11.8 V from 12:53
        .Volts(H(13) + M(40), H(30), 11300)
        .Volts(H(30), H(48), 12700);                          // charged the next morning

    [Fact]
    public async Task Drive_park_config_push_and_battery_sag_arrive_with_the_expected_readings_versions_and_sleeps()
    {
        using var directory = new TempDirectory("dimo-sim-day");
        var start = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var time = new FakeTimeProvider(start);
        var owner = PrivateKey.Generate(new SeededEntropy(1301));
        var key = PrivateKey.Generate(new SeededEntropy(1300));
        int version;
        long vehicle;
        VirtualDongle dongle;
        await using (var host = await IngestHost.StartAsync(new IngestHostOptions
        {
            DataDirectory = directory.Path,
            HttpPort = 0,
            MqttPort = 0,
            DevelopmentManufacturerKey = Hex.Encode(PrivateKey.Generate(new SeededEntropy(42)).ToBytes()),
            OperatorToken = OperatorToken,
        }, clock: time))
        {
            using var http = new HttpClient { BaseAddress = host.HttpBaseAddress };
            using var operatorHttp = new HttpClient { BaseAddress = host.HttpBaseAddress };
            operatorHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorToken);
            vehicle = (await new RegistryClient(http).ProvisionAsync(key, owner, VirtualDongleOptions.VinFor(1300), CancellationToken.None)).VehicleNode;

            dongle = new VirtualDongle(new VirtualDongleOptions
            {
                Mqtt = new Uri("mqtt://127.0.0.1:" + host.MqttPort),
                Key = key,
                Vin = VirtualDongleOptions.VinFor(1300),
                Time = time,
                StartUnixMilliseconds = start.ToUnixTimeMilliseconds(),
                BatchIntervalMilliseconds = 60_000,
                Power = Day(),
                FirmwareVersion = "1.0.0-sim",
            });
            await using var _ = dongle;
            await dongle.ConnectAsync();

            TimeSpan Elapsed() => time.GetUtcNow() - start;

            async Task RunUntil(TimeSpan until)
            {
                while (Elapsed() < until)
                {
                    // Asleep, the dongle's time ran ahead to its wake: the host jumps there (it never passes the dongle's wake).
                    var ahead = DateTimeOffset.FromUnixTimeMilliseconds(dongle.Clock.UnixMilliseconds) - time.GetUtcNow();
                    time.Advance(ahead > Step ? ahead : Step);
                    dongle.Tick();
                    // The network is fast next to virtual time: let the acknowledgements in before the spool grows. Not
                    // while the host is still behind a wake (a batch from its future would be refused as such).
                    bool caughtUp = dongle.Clock.UnixMilliseconds - time.GetUtcNow().ToUnixTimeMilliseconds() < 60_000;
                    if (dongle.PowerState == PowerState.Awake && caughtUp && dongle.Spool.PendingCount > 4)
                        await Settle(() => dongle.Spool.PendingCount <= 1);
                }
            }

            // Steps the awake dongle's loop alone (the host's time stands, the power is not checked) until the
            // condition holds: real time for MQTT round trips. Its unanswered polls may still move its own clock a little.
            async Task Settle(Func<bool> done)
            {
                var deadline = DateTime.UtcNow + Patience;
                while (!done())
                {
                    Assert.True(DateTime.UtcNow < deadline, $"stuck at {Elapsed()}: {dongle.Spool.PendingCount} batches pending, config version {dongle.ConfigVersion}, connected {dongle.Uplink.IsConnected}");
                    dongle.Loop.Step();
                    await Task.Delay(2);
                }
            }

            await RunUntil(H(6) + M(10));
            Assert.Equal(PowerState.Awake, dongle.PowerState);
            Assert.Equal(0, dongle.ConfigVersion);
            var set = await new RegistryClient(operatorHttp).SetVehicleConfigAsync(vehicle, PushedTemplate, null, null, CancellationToken.None);
            version = set.GetProperty("version").GetInt32();
            await Settle(() => dongle.ConfigVersion == version);
            Assert.Equal(PushedTemplate, dongle.Loop.Config!.TemplateText);

            await RunUntil(H(36) + M(56));
            Assert.Equal(PowerState.Awake, dongle.PowerState);
            dongle.Loop.Seal();
            await Settle(() => dongle.Spool.PendingCount == 0);

            Assert.Equal(4, dongle.Power!.CanWakes);     // 1:00, 4:00, 6:00, 11:00
            Assert.Equal(1, dongle.Power.DeepSleeps);
            // Every sealed batch was stored once, none refused (a batch from the host's future would be).
            var stats = await http.GetFromJsonAsync<JsonElement>("/api/stats");
            Assert.Equal(dongle.Loop.BatchesSealed, stats.GetProperty("batchesAccepted").GetInt64());
            Assert.All(stats.GetProperty("rejected").EnumerateObject(), reason => Assert.Equal(0, reason.Value.GetInt64()));
        }

        // Read back through a host on the real clock (an owner's sign-in is checked against it).
        await using var api = await IngestHost.StartAsync(new IngestHostOptions { DataDirectory = directory.Path, HttpPort = 0, MqttPort = 0 });
        using var ownerHttp = new HttpClient { BaseAddress = api.HttpBaseAddress };
        ownerHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await new RegistryClient(ownerHttp).SignInAsync(owner, CancellationToken.None));
        long from = start.ToUnixTimeMilliseconds(), to = (start + H(48)).ToUnixTimeMilliseconds();
        async Task<List<(TimeSpan At, JsonElement Value)>> History(string signal) =>
            (await ownerHttp.GetFromJsonAsync<JsonElement>($"/api/vehicles/{vehicle}/history?signal={signal}&from={from}&to={to}"))
                .EnumerateArray().Select(v => (TimeSpan.FromMilliseconds(v.GetProperty("timestamp").GetInt64() - from), v.GetProperty("value"))).OrderBy(v => v.Item1).ToList();

        // Power states, in order, when the rules say.
        var expected = new (TimeSpan At, string State)[]
        {
            (M(5), "lightSleep"),                          // plugged in parked: idle 5 min
            (H(1), "awake"),                               // the morning drive's traffic wakes it
            (Drives[0].To + M(1 + 5), "lightSleep"),       // bus quiet for 5 min
            (H(4), "awake"),                               // doors unlocked
            (H(4) + M(2 + 5), "lightSleep"),
            (H(6), "awake"),                               // the errand
            (Drives[1].To + M(5), "lightSleep"),
            (H(11), "awake"),                              // the evening drive
            (H(12) + M(53 + 1), "deepSleep"),              // below 11.8 V from 12:53, for a minute
            (H(12 + 24) + M(54), "awake"),                 // the daily check finds the battery charged
        };
        var states = await History("dimoAftermarketPowerState");
        Assert.True(expected.Select(e => e.State).SequenceEqual(states.Select(s => s.Value.GetString())),
            "power states stored: " + string.Join(", ", states.Select(s => s.Value.GetString() + "@" + s.At)));
        for (int i = 0; i < expected.Length; i++)
            Assert.InRange(states[i].At, expected[i].At, expected[i].At + Slack);

        // Speed only while driven (the engine ECU is silent otherwise), and in every drive.
        var speeds = await History("speed");
        Assert.All(speeds, s => Assert.Contains(Drives, d => s.At >= d.From && s.At <= d.To + Slack));
        Assert.All(Drives, d => Assert.Contains(speeds, s => s.At >= d.From && s.At <= d.To));

        // The config version: absent until the push at 6:10, then the pushed version, reported with the next seal.
        var versions = await History("dimoAftermarketConfigVersion");
        var reported = Assert.Single(versions);
        Assert.Equal(version, reported.Value.GetInt32());
        Assert.InRange(reported.At, H(6) + M(10), H(6) + M(11) + Slack);
        Assert.Equal("1.0.0-sim", Assert.Single(await History("dimoAftermarketFirmwareVersion")).Value.GetString());

        // Nothing sealed while asleep: no batch holds a reading from inside a sleep, and every sealed batch was stored.
        var batches = (await ownerHttp.GetFromJsonAsync<JsonElement>($"/api/vehicles/{vehicle}/batches?from={from}&to={to}")).EnumerateArray()
            .Select(b => (First: TimeSpan.FromMilliseconds(b.GetProperty("firstMs").GetInt64() - from), Last: TimeSpan.FromMilliseconds(b.GetProperty("lastMs").GetInt64() - from)))
            .ToList();
        Assert.Equal(dongle.Loop.BatchesSealed, batches.Count);
        for (int i = 0; i < states.Count - 1; i++)
        {
            if (states[i].Value.GetString() == "awake")
                continue;
            var (asleep, woke) = (states[i].At, states[i + 1].At);
            Assert.All(batches, b => Assert.True(b.Last <= asleep || b.First >= woke, $"a batch from {b.First} to {b.Last} overlaps the sleep from {asleep} to {woke}"));
        }
    }
}
