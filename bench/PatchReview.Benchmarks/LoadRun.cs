using System.Diagnostics;

namespace PatchReview.Benchmarks;

/// <summary>
/// A closed-loop load: <c>clients</c> concurrent clients each send the next request as soon as the last answered,
/// for a fixed time; prints requests/s and latency percentiles. Bounded in time, loopback only.
/// A <c>{n}</c> in the URL becomes a counter, so every request misses the server's response cache.
/// </summary>
static class LoadRun
{
    public static async Task<int> RunAsync(string url, int clients, int seconds)
    {
        var uri = new Uri(url.Replace("{n}", "0", StringComparison.Ordinal));
        var counter = 0;
        if (!uri.IsLoopback)
        {
            Console.Error.WriteLine($"{url} is not a loopback address; the load run only targets this machine.");
            return 2;
        }
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler);
        // As a browser asks; the bytes are counted, not decompressed, so the client spends its CPU on requests.
        http.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip, br");
        for (var i = 0; i < 50; i++)
        {
            (await http.GetAsync(uri)).EnsureSuccessStatusCode();
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var latencies = new List<double>[clients];
        var failures = 0;
        long bytes = 0;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var mine = latencies[client] = new List<double>(4096);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var target = url.Contains("{n}", StringComparison.Ordinal)
                    ? new Uri(url.Replace("{n}", Interlocked.Increment(ref counter).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
                    : uri;
                var start = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(target, HttpCompletionOption.ResponseContentRead);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                Interlocked.Add(ref bytes, response.Content.Headers.ContentLength ?? 0);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        var elapsed = total.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        Console.WriteLine($"url: {url}");
        Console.WriteLine($"clients: {clients}, requests: {all.Length}, failures: {failures}, {all.Length / elapsed:0} requests/s, {bytes / Math.Max(1, all.Length) / 1024} KB per response as sent");
        Console.WriteLine($"latency ms: p50 {Percentile(all, 0.50):0.0}, p90 {Percentile(all, 0.90):0.0}, p99 {Percentile(all, 0.99):0.0}, max {all[^1]:0.0}");
        return failures == 0 ? 0 : 1;
    }

    static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
