using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;
using PatchReview.Data.Queries;

namespace PatchReview.Web.Caching;

/// <summary>
/// Responses built from the archive are cached until the archive changes. Stored mail only changes through an import,
/// which may run in another process (the CLI), so the cache key holds <see cref="ImportQueries.GetArchiveStampAsync"/>,
/// read at most once per <see cref="ArchiveVersion.MaxAge"/>. A thread page of the largest zPCI thread is 800 kB of HTML;
/// rendering it for every one of 64 concurrent readers would not fit the 50 ms p99 budget on a small machine.
/// </summary>
public static class ArchiveCache
{
    public const string PolicyName = "Archive";

    public static IServiceCollection AddArchiveCache(this IServiceCollection services)
    {
        services.AddSingleton<ArchiveVersion>();
        services.AddSingleton<SeriesReviewCache>();
        // Compressed inside the cache, so a cached page is compressed once rather than on every hit; mail text shrinks about fivefold.
        services.AddResponseCompression();
        return services.AddOutputCache(options =>
        {
            // Message-IDs are case-sensitive (RFC 5322 3.6.4): <ABC@x> and <abc@x> are two messages.
            options.UseCaseSensitivePaths = true;
            options.AddPolicy(PolicyName, policy => policy
                .Expire(TimeSpan.FromMinutes(10))
                .SetVaryByQuery("*")
                .SetVaryByHeader(HeaderNames.AcceptEncoding)
                // The raw target tells an id holding "/" (sent as %2F) from one holding a literal "%2F" (sent as %252F);
                // the decoded path that the cache would key on otherwise reads the same for both.
                .VaryByValue(http => KeyValuePair.Create("target", http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? ""))
                .VaryByValue(async (http, ct) => KeyValuePair.Create("archive", await http.RequestServices.GetRequiredService<ArchiveVersion>().GetAsync(ct))));
        });
    }

    /// <summary>The cache, then compression beneath it.</summary>
    public static IApplicationBuilder UseArchiveCache(this IApplicationBuilder app) => app.UseOutputCache().UseResponseCompression();
}

/// <summary>The archive's current stamp, read from the database at most once per <see cref="MaxAge"/>.</summary>
public sealed class ArchiveVersion(ImportQueries imports, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    readonly SemaphoreSlim _refresh = new(1, 1);
    Snapshot? _current;

    public async ValueTask<string> GetAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _current) is { } fresh && clock.GetElapsedTime(fresh.ReadAt) < MaxAge)
        {
            return fresh.Stamp;
        }
        await _refresh.WaitAsync(ct);
        try
        {
            if (Volatile.Read(ref _current) is { } current && clock.GetElapsedTime(current.ReadAt) < MaxAge)
            {
                return current.Stamp;
            }
            var stamp = await imports.GetArchiveStampAsync(ct);
            Volatile.Write(ref _current, new Snapshot(stamp, clock.GetTimestamp()));
            return stamp;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>
    /// Forgets the stamp, after this node changed what pages show (a maintainer's review): its next request reads the
    /// database again. Other nodes follow within <see cref="MaxAge"/>.
    /// </summary>
    public void Invalidate() => Volatile.Write(ref _current, null);

    sealed record Snapshot(string Stamp, long ReadAt);
}
