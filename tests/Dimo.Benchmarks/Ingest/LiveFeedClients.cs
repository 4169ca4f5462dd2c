using System.Net.Http.Headers;

namespace Dimo.Benchmarks.Ingest;

/// <summary>
/// Stand-ins for operators' browsers: each follows the ingestor's live feed (server-sent events) with the operator token
/// and reads everything it sends, counting the samples, so a benchmark can show the dashboards were really fed.
/// </summary>
public sealed class LiveFeedClients : IAsyncDisposable
{
    public const string OperatorToken = "benchmark-operator-token-0123456789";

    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _readers = [];
    private long _samples;

    private LiveFeedClients(Uri baseAddress) =>
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Returns once every client has received the feed's history, so that transfer is not part of a measurement.</summary>
    public static async Task<LiveFeedClients> ConnectAsync(Uri baseAddress, int count)
    {
        var clients = new LiveFeedClients(baseAddress);
        var histories = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/operator/live");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OperatorToken);
            var response = await clients._http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            var history = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            histories.Add(history.Task);
            clients._readers.Add(clients.ReadAsync(response, history));
        }
        await Task.WhenAll(histories);
        return clients;
    }

    private async Task ReadAsync(HttpResponseMessage response, TaskCompletionSource history)
    {
        using (response)
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            try
            {
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    if (line == "event: sample")
                        Interlocked.Increment(ref _samples);
                    else if (line.Length == 0)
                        history.TrySetResult(); // the end of the first event, which is the history
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    public string Describe() => $"{Interlocked.Read(ref _samples)} live samples received in all";

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await Task.WhenAll(_readers);
        _http.Dispose();
    }
}
