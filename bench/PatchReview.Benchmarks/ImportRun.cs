using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PatchReview.Core.Mail;
using PatchReview.Data;
using PatchReview.Data.Import;

namespace PatchReview.Benchmarks;

/// <summary>
/// Imports an archive into an empty database, then imports it again: first-import throughput (whole and steady
/// state, after the first tenth), the time its end takes (series and review passes), re-import throughput, and the
/// process's peak resident memory.
/// </summary>
static class ImportRun
{
    public static async Task<int> RunAsync(string provider, string connectionString, string archive)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = provider,
            [DatabaseSettings.ConnectionStringKey] = connectionString,
        }).Build();
        await using var services = new ServiceCollection().AddPatchReviewData(configuration).BuildServiceProvider();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var importer = services.GetRequiredService<MailboxImporter>();

        var marks = new List<(long Ticks, int Read)>();
        var clock = Stopwatch.StartNew();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Stage == ImportStage.Saving)
            {
                marks.Add((clock.ElapsedTicks, p.Read));
            }
        });
        var first = await importer.ImportAsync(archive, MailReader.ReadAsync(archive), progress, CancellationToken.None);
        var firstSeconds = clock.Elapsed.TotalSeconds;
        var tenth = marks.First(m => m.Read >= first.Read / 10);
        var steady = (first.Read - tenth.Read) / ((marks[^1].Ticks - tenth.Ticks) / (double)Stopwatch.Frequency);

        clock.Restart();
        var again = await importer.ImportAsync(archive, MailReader.ReadAsync(archive), null, CancellationToken.None);
        var againSeconds = clock.Elapsed.TotalSeconds;

        Console.WriteLine($"provider: {provider}");
        Console.WriteLine($"first import: read {first.Read}, stored {first.Stored}, duplicates {first.Duplicates}, rejected {first.Rejected} in {firstSeconds:0.00} s = {first.Read / firstSeconds:0} msgs/s");
        Console.WriteLine($"first import steady state (after the first tenth): {steady:0} msgs/s");
        Console.WriteLine($"first import after its last batch (the last series update, then the review of every thread and series it touched): " +
            $"{firstSeconds - marks[^1].Ticks / (double)Stopwatch.Frequency:0.00} s");
        Console.WriteLine($"re-import: read {again.Read}, stored {again.Stored}, duplicates {again.Duplicates} in {againSeconds:0.00} s = {again.Read / againSeconds:0} msgs/s");
        Console.WriteLine($"peak RSS: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB");
        Console.WriteLine($"GC: gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}, pause {GC.GetTotalPauseDuration().TotalSeconds:0.00} s, allocated {GC.GetTotalAllocatedBytes() / (1024 * 1024)} MB");
        return 0;
    }
}
