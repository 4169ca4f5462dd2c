using Dimo.Core.Dongle;
using Dimo.Ingest.Storage;
using Dimo.Rewards.Rules;
using Microsoft.Extensions.Logging;

namespace Dimo.Ingest.Rewards;

/// <summary>
/// The weekly job inside the ingestor (<c>dimo ingest --rewards-schedule</c>): every <c>interval</c> it computes each
/// week that has become due (its end plus <see cref="WeeklyRewardsJob.GracePeriod"/>), in order after the newest
/// computed one; on a database without computed weeks it starts with the newest due week. Ingestors sharing one
/// PostgreSQL may all run it: the job's week lock lets one compute a week and the others read it.
/// </summary>
public sealed class RewardsSchedule : IAsyncDisposable
{
    private readonly WeeklyRewardsJob _job;
    private readonly SqlRewardStore _rewards;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public RewardsSchedule(WeeklyRewardsJob job, SqlRewardStore rewards, TimeProvider clock, ILogger logger)
    {
        _job = job;
        _rewards = rewards;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Checks for due weeks now and then every <paramref name="interval"/>, until disposed.</summary>
    public void Start(TimeSpan interval) => _loop = Task.Run(async () =>
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(_stop.Token);
            }
            catch (Exception e) when (e is RewardsJobException or StorageUnavailableException)
            {
                _logger.LogWarning("Weekly rewards not computed: {Reason}", e.Message);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            try
            {
                await Task.Delay(interval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    });

    /// <summary>Computes every week due now that is not computed yet, oldest first; returns them.</summary>
    public async Task<IReadOnlyList<long>> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var now = _clock.GetUtcNow();
        var newestDue = IssuanceWeek.Of(now - WeeklyRewardsJob.GracePeriod) - 1;
        var latest = await _rewards.LatestWeekAsync(cancellationToken);
        var computed = new List<long>();
        for (var week = latest + 1 ?? newestDue; week <= newestDue; week++)
        {
            var stored = await _job.RunAsync(week, now, cancellationToken);
            computed.Add(week);
            _logger.LogInformation("Weekly rewards: week {Week} computed, {Distributed} wei to {Claims} recipients, root {Root}",
                week, WeiFormat.Wei(stored.DistributedWei), stored.Claims.Claims.Count, stored.Claims.Root ?? "none");
        }
        return computed;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop != null)
            await _loop;
        _stop.Dispose();
    }
}
