using System.Text;
using System.Text.Json;
using Dimo.DeviceAuth;
using Dimo.Ingest.Pipeline;
using Dimo.Mqtt.Auth;
using Dimo.Mqtt.Server;
using Microsoft.AspNetCore.Http;

namespace Dimo.Ingest.Operations;

/// <summary>
/// The dashboard's live feed. Once a second one sample of every figure is taken and serialized once; each connected
/// browser (server-sent events) is sent those same bytes, so ten dashboards cost ten socket writes a second, not ten
/// samplings. The last <see cref="HistoryLength"/> samples are kept, and a browser that connects gets them first, so
/// its charts start full. Counters go out as totals; the browser turns successive totals into rates.
/// </summary>
public sealed class DashboardFeed : IAsyncDisposable
{
    /// <summary>Ten minutes at one sample a second.</summary>
    public const int HistoryLength = 600;

    private static readonly TimeSpan StorageEvery = TimeSpan.FromSeconds(5);

    private readonly IngestPipeline _pipeline;
    private readonly IngestActivity _activity;
    private readonly Func<int> _commitQueueDepth;
    private readonly MqttServer? _mqtt;
    private readonly DeviceAuthCounters _logins;
    private readonly Func<CancellationToken, Task<long>> _measureStorage;
    private readonly TimeProvider _clock;
    private readonly Queue<byte[]> _history = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _sampling;
    private TaskCompletionSource<byte[]> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _clients;
    private long _storageBytes;

    public DashboardFeed(IngestPipeline pipeline, IngestActivity activity, Func<int> commitQueueDepth, MqttServer? mqtt, DeviceAuthCounters logins,
        Func<CancellationToken, Task<long>> measureStorage, TimeProvider clock, TimeSpan? interval = null)
    {
        _pipeline = pipeline;
        _activity = activity;
        _commitQueueDepth = commitQueueDepth;
        _mqtt = mqtt;
        _logins = logins;
        _measureStorage = measureStorage;
        _clock = clock;
        _sampling = Task.Run(() => SampleAsync(interval ?? TimeSpan.FromSeconds(1)));
    }

    /// <summary>Browsers connected to the live feed now.</summary>
    public int Clients => Volatile.Read(ref _clients);

    /// <summary>The database size as last measured (every few seconds).</summary>
    public long StorageBytes => Interlocked.Read(ref _storageBytes);

    private async Task SampleAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval, _clock);
        var verification = _activity.Verification.Snapshot();
        var commit = _activity.Commit.Snapshot();
        var acknowledge = _activity.AcknowledgeAfter.Snapshot();
        long? lastStorage = null;
        try
        {
            do
            {
                if (lastStorage is not { } last || _clock.GetElapsedTime(last) >= StorageEvery)
                {
                    lastStorage = _clock.GetTimestamp();
                    try
                    {
                        Interlocked.Exchange(ref _storageBytes, await _measureStorage(_stopping.Token));
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // Storage trouble shows on /readyz; the chart keeps its last size.
                    }
                }
                var (v, c, a) = (_activity.Verification.Snapshot(), _activity.Commit.Snapshot(), _activity.AcknowledgeAfter.Snapshot());
                var sample = Serialize(verification, v, commit, c, acknowledge, a);
                (verification, commit, acknowledge) = (v, c, a);
                Publish(sample);
            }
            while (await timer.WaitForNextTickAsync(_stopping.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Publish(byte[] sample)
    {
        TaskCompletionSource<byte[]> reached;
        lock (_history)
        {
            _history.Enqueue(sample);
            if (_history.Count > HistoryLength)
                _history.Dequeue();
            reached = _next;
            _next = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        reached.TrySetResult(sample);
    }

    private byte[] Serialize(long[] verifyBefore, long[] verifyNow, long[] commitBefore, long[] commitNow, long[] ackBefore, long[] ackNow)
    {
        var stats = _pipeline.Stats.Snapshot();
        using var buffer = new MemoryStream(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("t", _clock.GetUtcNow().ToUnixTimeMilliseconds());
            json.WriteNumber("accepted", stats.BatchesAccepted);
            json.WriteNumber("readings", stats.ReadingsStored);
            json.WriteNumber("duplicates", stats.Duplicates);
            json.WriteStartObject("rejected");
            foreach (var (reason, count) in stats.Rejected)
                json.WriteNumber(reason, count);
            json.WriteEndObject();
            json.WriteNumber("connected", _mqtt?.ConnectedClientCount ?? 0);
            json.WriteNumber("loginsRefused", _logins.RefusedTotal);
            WriteMilliseconds(json, "verifyP50", LatencyWindow.Quantile(verifyBefore, verifyNow, 0.5));
            WriteMilliseconds(json, "verifyP99", LatencyWindow.Quantile(verifyBefore, verifyNow, 0.99));
            WriteMilliseconds(json, "commitP50", LatencyWindow.Quantile(commitBefore, commitNow, 0.5));
            WriteMilliseconds(json, "commitP99", LatencyWindow.Quantile(commitBefore, commitNow, 0.99));
            WriteMilliseconds(json, "ackP50", LatencyWindow.Quantile(ackBefore, ackNow, 0.5));
            WriteMilliseconds(json, "ackP99", LatencyWindow.Quantile(ackBefore, ackNow, 0.99));
            json.WriteNumber("verifyQueue", _pipeline.VerificationQueueDepth);
            json.WriteNumber("commitQueue", _commitQueueDepth());
            json.WriteNumber("gaps", stats.Gaps);
            json.WriteNumber("missing", stats.MissingBatches);
            json.WriteNumber("storageBytes", StorageBytes);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteMilliseconds(Utf8JsonWriter json, string name, double? seconds)
    {
        if (seconds is { } s)
            json.WriteNumber(name, Math.Round(s * 1000, 3));
        else
            json.WriteNull(name);
    }

    /// <summary>Streams the feed to one browser until it goes away or the host stops.</summary>
    public async Task StreamAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        // Tells reverse proxies (nginx) not to buffer the stream.
        response.Headers["X-Accel-Buffering"] = "no";
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        Interlocked.Increment(ref _clients);
        try
        {
            byte[][] history;
            Task<byte[]> next;
            lock (_history)
            {
                history = [.. _history];
                next = _next.Task;
            }
            var body = response.Body;
            await body.WriteAsync("retry: 2000\nevent: history\ndata: ["u8.ToArray(), done.Token);
            for (var i = 0; i < history.Length; i++)
            {
                if (i > 0)
                    await body.WriteAsync(","u8.ToArray(), done.Token);
                await body.WriteAsync(history[i], done.Token);
            }
            await body.WriteAsync("]\n\n"u8.ToArray(), done.Token);
            await body.FlushAsync(done.Token);
            while (true)
            {
                var sample = await next.WaitAsync(done.Token);
                lock (_history)
                    next = _next.Task;
                await body.WriteAsync(SamplePrefix, done.Token);
                await body.WriteAsync(sample, done.Token);
                await body.WriteAsync(EventEnd, done.Token);
                await body.FlushAsync(done.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
            // The browser went away mid-write.
        }
        finally
        {
            Interlocked.Decrement(ref _clients);
        }
    }

    private static readonly byte[] SamplePrefix = Encoding.ASCII.GetBytes("event: sample\ndata: ");
    private static readonly byte[] EventEnd = Encoding.ASCII.GetBytes("\n\n");

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        await _sampling;
    }
}
