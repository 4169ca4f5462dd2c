using System.Diagnostics;
using Dimo.Core.Crypto;
using Dimo.Core.Wire;
using Dimo.Ingest.Tests.EndToEnd;
using Dimo.Ingest.Tests.Pipeline;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.Operations;

/// <summary>
/// <c>GET /metrics</c> after real traffic: the figures match what happened, and Debian's <c>promtool check metrics</c>
/// (package <c>prometheus</c>, installed by tests/run-all.sh) finds nothing to complain about.
/// </summary>
public sealed class Metrics_follow_the_prometheus_format : IAsyncLifetime
{
    private EmbeddedIngest _ingest = null!;

    public async Task InitializeAsync()
    {
        _ingest = await EmbeddedIngest.StartAsync();
        await _ingest.Registry.AddPairedDeviceAsync(Keys.Device, "1HGCM82633A004352");
        await _ingest.Registry.AddPairedDeviceAsync(Keys.OtherDevice, "2HGCM82623A004353");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var device = await _ingest.ConnectAsync(Keys.Device, MqttProtocolVersion.V500);
        for (uint seq = 1; seq <= 3; seq++)
            Assert.Equal(MqttReasonCode.Success, await device.PublishAsync(EmbeddedIngest.BatchesTopic(Keys.Device), PipelineHarness.Batch(Keys.Device, 1, seq, now), MqttQualityOfService.AtLeastOnce));
        var other = await _ingest.ConnectAsync(Keys.OtherDevice, MqttProtocolVersion.V500);
        var stolen = PipelineHarness.Batch(Keys.Device, 1, 9, now);
        await Assert.ThrowsAsync<MqttClientException>(() => other.PublishAsync(EmbeddedIngest.BatchesTopic(Keys.OtherDevice), stolen, MqttQualityOfService.AtLeastOnce));
    }

    public async Task DisposeAsync() => await _ingest.DisposeAsync();

    [Fact]
    public async Task The_figures_count_what_happened()
    {
        var metrics = await _ingest.Http.GetStringAsync("/metrics");
        Assert.Contains("dimo_ingest_batches_accepted_total 3", metrics);
        Assert.Contains("dimo_ingest_readings_stored_total 12", metrics);
        Assert.Contains("dimo_ingest_batches_rejected_total{reason=\"forged\"} 1", metrics);
        Assert.Contains("dimo_ingest_batches_rejected_total{reason=\"malformed\"} 0", metrics);
        Assert.Contains("dimo_ingest_commit_seconds_count 3", metrics);
        Assert.Contains("dimo_ingest_ack_lag_seconds_count 3", metrics);
        Assert.Contains("dimo_ingest_verification_seconds_count 4", metrics);
        Assert.Contains("dimo_mqtt_connected_clients 2", metrics);
        Assert.Contains("dimo_mqtt_messages_received_total 3", metrics);
        Assert.Contains("dimo_mqtt_publishes_rejected_total{by=\"handler\"} 1", metrics);
        Assert.Contains("dimo_device_logins_accepted_total 2", metrics);
        Assert.Contains("dimo_ingest_ready 1", metrics);
        Assert.Contains("dotnet_collection_count_total", metrics);
        Assert.Contains("process_cpu_seconds_total", metrics);
    }

    [Fact]
    public async Task Promtool_finds_no_problem_in_the_output()
    {
        var metrics = await _ingest.Http.GetStringAsync("/metrics");
        var start = new ProcessStartInfo("promtool", "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process promtool;
        try
        {
            promtool = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("promtool is missing: install Debian's prometheus package (tests/run-all.sh does)", e);
        }
        using (promtool)
        {
            await promtool.StandardInput.WriteAsync(metrics);
            promtool.StandardInput.Close();
            var output = promtool.StandardOutput.ReadToEndAsync();
            var errors = promtool.StandardError.ReadToEndAsync();
            await promtool.WaitForExitAsync();
            Assert.True(promtool.ExitCode == 0, "promtool check metrics: " + await output + await errors);
            Assert.Equal("", (await output + await errors).Trim());
        }
    }
}
