using System.Data.Common;
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
    public async Task<int> RunAsync(string earlier, string later, bool linked, CancellationToken ct)
    {
        try
        {
            await using var services = host.CreateServices();
            await services.GetRequiredService<DatabaseMigrator>().EnsureReadyAsync(ct);
            // Message-IDs are taken with or without their angle brackets, as they are copied from mail headers.
            (earlier, later) = (earlier.Trim('<', '>'), later.Trim('<', '>'));
            var series = await services.GetRequiredService<MailboxImporter>().SetVersionLinkAsync(earlier, later, linked, ct);
            Console.WriteLine(linked
                ? $"{later} now follows {earlier}, in series {series}."
                : $"{later} no longer follows {earlier}; it is in series {series}.");
            return 0;
        }
        catch (DatabaseConfigurationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (DbException ex)
        {
            await Console.Error.WriteLineAsync($"Cannot use the database: {ex.Message}");
            return 1;
        }
    }
}
