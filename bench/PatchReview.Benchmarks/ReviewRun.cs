using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PatchReview.Data;
using PatchReview.Data.Import;

namespace PatchReview.Benchmarks;

/// <summary>
/// The review pass alone, over every series and thread of an imported database, as the end of a first import runs
/// it: wall and CPU time, and what the collector cost. Run it after <c>import</c> on the same database.
/// </summary>
static class ReviewRun
{
    public static async Task<int> RunAsync(string provider, string connectionString)
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

        var (pause, allocated, gen0, gen1, gen2) = (GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(),
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await new ReviewUpdater(store.WriterSession()).UpdateAsync(series, threads, CancellationToken.None);
        var elapsed = clock.Elapsed;
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        Console.WriteLine($"review pass: {series.Count} series, {threads.Count} threads in {elapsed.TotalSeconds:0.00} s wall, {used.TotalSeconds:0.00} s CPU");
        Console.WriteLine($"GC during the pass: gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}, pause {(GC.GetTotalPauseDuration() - pause).TotalSeconds:0.00} s, " +
            $"allocated {(GC.GetTotalAllocatedBytes() - allocated) / (1024 * 1024)} MB");
        Console.WriteLine($"peak RSS: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB");
        return 0;
    }
}
