using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PatchReview.Data;
using PatchReview.Data.Import;

namespace PatchReview.Benchmarks;

/// <summary>
/// The series update alone, over every thread of an imported database in one update: wall and CPU time, and what the
/// collector cost. It deletes and writes again every series, and with them their review documents (series_reviews
/// cascades), so run it on a benchmark database, after <c>import</c> and after <c>review</c>.
/// </summary>
static class SeriesRun
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
        List<long> threads;
        await using (var db = await services.GetRequiredService<IDbContextFactory<PatchReviewDb>>().CreateDbContextAsync())
        {
            threads = await db.Messages.Where(m => !m.IsGhost).Select(m => m.ThreadId).Distinct().ToListAsync();
        }

        await using var store = await ImportStore.OpenAsync(settings, CancellationToken.None);
        var (pause, allocated) = (GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var written = await new SeriesUpdater(store.WriterSession()).UpdateAsync(threads, CancellationToken.None);
        var elapsed = clock.Elapsed;
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        Console.WriteLine($"series update: {threads.Count} threads, {written.Count} series in {elapsed.TotalSeconds:0.00} s wall, {used.TotalSeconds:0.00} s CPU");
        Console.WriteLine($"GC during the update: pause {(GC.GetTotalPauseDuration() - pause).TotalSeconds:0.00} s, "
            + $"allocated {(GC.GetTotalAllocatedBytes() - allocated) / (1024 * 1024)} MB");
        Console.WriteLine($"peak RSS: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB");
        return 0;
    }
}
