using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PatchReview.Core.Mail;
using PatchReview.Data;
using PatchReview.Data.Import;
using Spectre.Console;

namespace PatchReview.Cli.Commands;

/// <summary>
/// <c>patchreview import &lt;path|-&gt;...</c>: imports each archive and ends with one summary line on stdout,
/// <c>read N, stored N, duplicates N, variants N, rejected N in S s (R msgs/s)</c>.
/// Exit 0 when every input was read to its end; rejected mail is counted, not fatal.
/// </summary>
sealed class ImportCommand(CliHost host)
{
    public Task<int> RunAsync(IReadOnlyList<string> paths, bool verbose, CancellationToken ct) => host.RunAsync("Cannot use the database", async services =>
    {
        // The importer checks the schema itself, while it starts reading.
        var importer = services.GetRequiredService<MailboxImporter>();
        var clock = services.GetRequiredService<TimeProvider>();
        var started = clock.GetTimestamp();
        var summaries = new List<ImportSummary>();
        try
        {
            foreach (var path in paths)
            {
                summaries.Add(await ImportOneAsync(importer, path, verbose ? ProgressLog(clock, started, path) : null, ct));
            }
        }
        catch (ImportFailedException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
        var elapsed = clock.GetElapsedTime(started).TotalSeconds;
        var read = summaries.Sum(s => s.Read);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"read {read}, stored {summaries.Sum(s => s.Stored)}, duplicates {summaries.Sum(s => s.Duplicates)}, variants {summaries.Sum(s => s.Variants)}, rejected {summaries.Sum(s => s.Rejected)} in {elapsed:0.00} s ({(elapsed > 0 ? read / elapsed : 0):0} msgs/s)"));
        return 0;
    });

    /// <summary>
    /// A line per saved batch, written as the batch commits, and one as series and reviews are derived, e.g.
    /// <c>12.34 s: big.mbox.gz: read 20000, stored 19950, …</c> then <c>12.40 s: big.mbox.gz: deriving series</c>: where a
    /// long import spends its time, and the import's steady rate for <c>bench/run.sh</c>.
    /// </summary>
    static IProgress<ImportProgress> ProgressLog(TimeProvider clock, long started, string path) => new SynchronousProgress(p =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{clock.GetElapsedTime(started).TotalSeconds:0.00} s: {path}: {(p.Stage == ImportStage.Saving ? p.ToString() : Doing(p.Stage))}")));

    static string Doing(ImportStage stage) => stage switch
    {
        ImportStage.DerivingSeries => "deriving series",
        ImportStage.DerivingReviews => "deriving reviews",
        _ => "saving",
    };

    static async Task<ImportSummary> ImportOneAsync(MailboxImporter importer, string path, IProgress<ImportProgress>? log, CancellationToken ct)
    {
        var envelopes = MailReader.ReadAsync(path, ct);
        if (log is not null || Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            var summary = await importer.ImportAsync(path, envelopes, log, ct);
            await Console.Error.WriteLineAsync($"{path}: {summary.Counts}");
            return summary;
        }
        return await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(path)).IsIndeterminate();
                var progress = new Progress<ImportProgress>(p => task.Description = Markup.Escape(
                    p.Stage == ImportStage.Saving ? $"{path}: {p}" : $"{path}: {p}, {Doing(p.Stage)}"));
                var summary = await importer.ImportAsync(path, envelopes, progress, ct);
                task.Description = Markup.Escape($"{path}: {summary.Counts}");
                task.StopTask();
                return summary;
            });
    }
}
