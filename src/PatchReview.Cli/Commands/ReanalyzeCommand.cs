using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PatchReview.Data;
using PatchReview.Data.Import;

namespace PatchReview.Cli.Commands;

/// <summary>
/// <c>patchreview reanalyze</c>: derives patches, trailers and series again from the stored mail, as after an upgrade
/// that added to the analysis; the mail itself is not read again.
/// </summary>
sealed class ReanalyzeCommand(CliHost host)
{
    public Task<int> RunAsync(CancellationToken ct) => host.RunAsync("Cannot analyse the stored mail", async services =>
    {
        await services.GetRequiredService<DatabaseMigrator>().EnsureReadyAsync(ct);
        var clock = services.GetRequiredService<TimeProvider>();
        var started = clock.GetTimestamp();
        var done = await services.GetRequiredService<MailboxImporter>().ReanalyzeAsync(null, ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"analysed {done} messages in {clock.GetElapsedTime(started).TotalSeconds:0.00} s"));
        return 0;
    });
}
