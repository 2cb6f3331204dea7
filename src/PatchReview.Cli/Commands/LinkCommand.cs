using Microsoft.Extensions.DependencyInjection;
using PatchReview.Data;
using PatchReview.Data.Import;

namespace PatchReview.Cli.Commands;

/// <summary>
/// <c>patchreview link EARLIER LATER</c> and <c>patchreview unlink EARLIER LATER</c>: a maintainer's word on whether
/// one posted version is the previous version of another, kept across re-imports.
/// </summary>
sealed class LinkCommand(CliHost host)
{
    public Task<int> RunAsync(string earlier, string later, bool linked, CancellationToken ct) => host.RunAsync("Cannot use the database", async services =>
    {
        await services.GetRequiredService<DatabaseMigrator>().EnsureReadyAsync(ct);
        // Message-IDs are taken with or without their angle brackets, as they are copied from mail headers.
        (earlier, later) = (earlier.Trim('<', '>'), later.Trim('<', '>'));
        long series;
        try
        {
            series = await services.GetRequiredService<MailboxImporter>().SetVersionLinkAsync(earlier, later, linked, ct);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
        Console.WriteLine(linked
            ? $"{later} now follows {earlier}, in series {series}."
            : $"{later} no longer follows {earlier}; it is in series {series}.");
        return 0;
    });
}
