using Microsoft.Extensions.Caching.Memory;
using PatchReview.Data.Queries;

namespace PatchReview.Web.Caching;

/// <summary>
/// A series' review (questions and reviewers over every version) and its design decisions, as the import stored
/// them, read once per archive state and kept for the series page, the decision pages and the API routes that show
/// them. The site-wide decision list reads every series that has decisions; kept, it costs one read per import.
/// </summary>
public sealed class SeriesReviewCache(ReviewQueries reviews, ArchiveVersion archive) : IDisposable
{
    /// <summary>Reviews and decision lists kept; either is a few tens of kilobytes for a large series.</summary>
    const int KeptSeries = 512;

    readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = KeptSeries });

    public Task<SeriesReview?> GetAsync(long seriesId, CancellationToken ct) =>
        KeptAsync(seriesId, nameof(SeriesReview), () => reviews.GetSeriesReviewAsync(seriesId, ct), ct);

    /// <summary>Every decision found in the series, weak ones included; callers filter on <see cref="DecisionRecord.ShownByDefault"/>.</summary>
    public Task<IReadOnlyList<DecisionRecord>?> GetDecisionsAsync(long seriesId, CancellationToken ct) =>
        KeptAsync(seriesId, nameof(DecisionRecord), () => reviews.GetSeriesDecisionsAsync(seriesId, ct), ct);

    /// <summary>One decision by id; the id starts with its series' id.</summary>
    public async Task<DecisionRecord?> GetDecisionAsync(string id, CancellationToken ct) =>
        ReviewQueries.SeriesOfDecision(id) is { } seriesId && await GetDecisionsAsync(seriesId, ct) is { } decisions
            ? decisions.FirstOrDefault(d => d.Id == id)
            : null;

    /// <summary>
    /// The decisions of every series that pass the filter, most recently active series first. Each series' list
    /// comes from the same per-series cache as its page, so the first request after an import derives them all.
    /// </summary>
    public async Task<IReadOnlyList<DecisionRecord>> ListAsync(DecisionFilter filter, CancellationToken ct)
    {
        var found = new List<DecisionRecord>();
        var series = filter.SeriesId is { } only ? [only] : await reviews.ListSeriesIdsAsync(ct);
        foreach (var id in series)
        {
            found.AddRange((await GetDecisionsAsync(id, ct) ?? []).Where(filter.Matches));
        }
        return found;
    }

    async Task<T?> KeptAsync<T>(long seriesId, string kind, Func<Task<T?>> derive, CancellationToken ct) where T : class
    {
        var stamp = await archive.GetAsync(ct);
        return await _cache.GetOrCreateAsync((seriesId, kind, stamp), entry =>
        {
            entry.SetSize(1).SetSlidingExpiration(TimeSpan.FromMinutes(10));
            return derive();
        });
    }

    public void Dispose() => _cache.Dispose();
}

/// <summary>
/// Which decisions a list shows: of one series, of a status, where a person took a step (a name or address part),
/// naming an identifier (a part of it, case-insensitive); weak ones only with <see cref="All"/>.
/// </summary>
public sealed record DecisionFilter(long? SeriesId, string? Status, string? Person, string? Identifier, bool All)
{
    public static readonly IReadOnlyList<string> Statuses = ["proposed", "agreed", "implemented", "dropped"];

    /// <summary>A filter from what a query string gave: blank text filters nothing, an unknown status neither.</summary>
    public static DecisionFilter From(long? seriesId, string? status, string? person, string? identifier, bool all) =>
        new(seriesId, Statuses.Contains(status) ? status : null, Blank(person), Blank(identifier), all);

    static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public bool Matches(DecisionRecord decision) =>
        (All || decision.ShownByDefault)
        && (Status is null || string.Equals(decision.Status, Status, StringComparison.OrdinalIgnoreCase))
        && (Person is null || decision.Steps.Any(s => s.Author.Name.Contains(Person, StringComparison.OrdinalIgnoreCase)
            || s.Author.Email.Contains(Person, StringComparison.OrdinalIgnoreCase)))
        && (Identifier is null || decision.Identifiers.Any(i => i.Contains(Identifier, StringComparison.OrdinalIgnoreCase)));
}
