using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PatchReview.Data;
using PatchReview.Data.Import;

namespace PatchReview.Benchmarks;

/// <summary>
/// One derivation pass alone, over everything an imported database holds: wall and CPU time, and what the collector
/// cost. Run either after <c>import</c> on the same database. <c>review</c> runs the review pass as the end of a first
/// import runs it. <c>series</c> runs the series update over every thread in one update; it deletes and writes again
/// every series, and with them their review documents (series_reviews cascades), so run it after <c>review</c>.
/// Given a number of passes, either runs that many times in one process: the first pass pays for compiling the code
/// it runs, the later ones show what the work itself costs.
/// </summary>
static class DerivationRun
{
    public static Task<int> ReviewAsync(string provider, string connectionString, int passes) =>
        RunAsync(provider, connectionString, passes, "review pass", "the pass", async (store, series, threads) =>
        {
            await new ReviewUpdater(store.WriterSession()).UpdateAsync(series, threads, CancellationToken.None);
            return $"{series.Count} series, {threads.Count} threads";
        });

    public static Task<int> SeriesAsync(string provider, string connectionString, int passes) =>
        RunAsync(provider, connectionString, passes, "series update", "the update", async (store, _, threads) =>
        {
            var written = await new SeriesUpdater(store.WriterSession()).UpdateAsync(threads, CancellationToken.None);
            return $"{threads.Count} threads, {written.Count} series";
        });

    static async Task<int> RunAsync(string provider, string connectionString, int passes, string name, string during,
        Func<ImportStore, List<long>, List<long>, Task<string>> pass)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = provider,
            [DatabaseSettings.ConnectionStringKey] = connectionString,
        }).Build();
        await using var services = new ServiceCollection().AddPatchReviewData(configuration).BuildServiceProvider();
        var settings = services.GetRequiredService<DatabaseSettings>();
        await using var db = await services.GetRequiredService<IDbContextFactory<PatchReviewDb>>().CreateDbContextAsync();
        var series = await db.Series.Select(s => s.Id).ToListAsync();
        var threads = await db.Messages.Where(m => !m.IsGhost).Select(m => m.ThreadId).Distinct().ToListAsync();

        await using var store = await ImportStore.OpenAsync(settings, CancellationToken.None);

        for (var run = 1; run <= passes; run++)
        {
            var (pause, allocated, gen0, gen1, gen2) = (GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(),
                GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var what = await pass(store, series, threads);
            var elapsed = clock.Elapsed;
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;

            var label = run == 1 ? name : $"{name} {run}";
            Console.WriteLine($"{label}: {what} in {elapsed.TotalSeconds:0.00} s wall, {used.TotalSeconds:0.00} s CPU");
            Console.WriteLine($"GC during {during}: gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}, pause {(GC.GetTotalPauseDuration() - pause).TotalSeconds:0.00} s, " +
                $"allocated {(GC.GetTotalAllocatedBytes() - allocated) / (1024 * 1024)} MB");
        }
        Console.WriteLine($"peak RSS: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB");
        return 0;
    }
}
