using Microsoft.EntityFrameworkCore;
using PatchReview.Core.Mail;
using PatchReview.Data.Entities;

namespace PatchReview.Data.Queries;

public sealed record SeriesSummary(long Id, string Title, Person Submitter, int LatestVersion, int VersionCount, DateTimeOffset? LastActivity,
    string State, int Acked, int Reviewed, int Tested);

public sealed record VersionLinkEvidence(int PreviousVersion, double Confidence, IReadOnlyList<string> Signals);

public sealed record SeriesVersionSummary(int Version, string VersionText, string HeadMessageId, string? CoverMessageId, string Title, DateTimeOffset? Date,
    int DeclaredTotal, int PatchCount, IReadOnlyList<int> MissingIndices, int ReplyCount, bool IsComplete, bool IsRfc, string State,
    int? SupersededBy, VersionLinkEvidence? Link);

public sealed record AppliedPatch(string MessageId, int Version, int Index);

public sealed record PullRequestSummary(string MessageId, string Subject, Person From, DateTimeOffset? Date, IReadOnlyList<AppliedPatch> AppliedPatches);

public sealed record SeriesDetail(long Id, string Title, Person Submitter, string State, IReadOnlyList<SeriesVersionSummary> Versions,
    IReadOnlyList<PullRequestSummary> PullRequests);

public sealed record TrailerRecord(string Type, string Name, string Email, string Origin, string SourceMessageId, int FromVersion,
    bool SenderMatches, bool Stale);

public sealed record PreviousPatch(int Version, string MessageId, string Change);

public sealed record VersionPatchSummary(int Index, string Title, string MessageId, string? PatchId, int ReplyCount, int FilesChanged,
    int LinesAdded, int LinesRemoved, IReadOnlyList<TrailerRecord> Trailers, PreviousPatch? Previous);

public sealed record ChangelogRecord(int N, string Text, IReadOnlyList<Person> Credited);

public sealed record SeriesVersionDetail(int Version, string? CoverMessageId, IReadOnlyList<ChangelogRecord> Changelog,
    IReadOnlyList<VersionPatchSummary> Patches);

public sealed record MatrixCellRecord(int Index, string MessageId, string Change);

public sealed record MatrixRowRecord(string Title, IReadOnlyDictionary<string, MatrixCellRecord> Cells);

public sealed record SeriesMatrix(IReadOnlyList<int> Versions, IReadOnlyList<MatrixRowRecord> Rows);

public sealed record SeriesFilter(string? Query, string? Submitter, string? State);

/// <summary>Series, versions, the patch matrix and trailers, as derived at import time: every read is a lookup.</summary>
public sealed class SeriesQueries(IDbContextFactory<PatchReviewDb> dbFactory)
{
    public static readonly IReadOnlySet<string> States = new HashSet<string>(StringComparer.Ordinal)
    {
        "new", "under-review", "changes-requested", "reviewed", "superseded", "applied",
    };

    public async Task<Page<SeriesSummary>> ListSeriesAsync(SeriesFilter filter, PageRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Series.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Query))
        {
            var words = filter.Query.Trim().ToLowerInvariant();
            query = query.Where(s => s.NormalizedTitle.Contains(words));
        }
        if (!string.IsNullOrWhiteSpace(filter.Submitter))
        {
            var submitter = filter.Submitter.Trim().ToLowerInvariant();
            query = query.Where(s => s.SubmitterEmail.ToLower().Contains(submitter) || s.SubmitterName.ToLower().Contains(submitter));
        }
        if (!string.IsNullOrWhiteSpace(filter.State))
        {
            query = query.Where(s => s.State == filter.State);
        }
        var total = await query.CountAsync(ct);
        // served by ix_series_last_activity
        var rows = await query.OrderByDescending(s => s.LastActivity).ThenByDescending(s => s.Id)
            .Skip(request.Skip).Take(request.PageSize)
            .Select(s => new SeriesSummary(s.Id, s.Title, new Person(s.SubmitterName, s.SubmitterEmail), s.LatestVersion, s.VersionCount,
                s.LastActivity, s.State, s.Acked, s.Reviewed, s.Tested))
            .ToListAsync(ct);
        return new Page<SeriesSummary>(rows, total, request);
    }

    /// <summary>A series' title alone, for a page that only names the series it belongs to; null when there is no such series.</summary>
    public async Task<string?> GetTitleAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Series.AsNoTracking().Where(s => s.Id == id).Select(s => s.Title).SingleOrDefaultAsync(ct);
    }

    public async Task<SeriesDetail?> GetSeriesAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var series = await db.Series.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new { s.Id, s.Title, s.SubmitterName, s.SubmitterEmail, s.State })
            .SingleOrDefaultAsync(ct);
        if (series is null)
        {
            return null;
        }
        // served by ix_series_versions_series_id
        var versions = await db.SeriesVersions.AsNoTracking().Where(v => v.SeriesId == id)
            .OrderBy(v => v.Version).ThenBy(v => v.Date)
            .Select(v => new
            {
                v.Id, v.Version, v.VersionText, v.Title, v.Date, v.DeclaredTotal, v.PatchCount, v.MissingIndices, v.ReplyCount, v.IsComplete, v.IsRfc,
                v.State, v.SupersededById, v.PreviousVersionId, v.LinkConfidence, v.LinkSignals,
                Head = db.Messages.Where(m => m.Id == v.Id).Select(m => m.MessageId).Single(),
                Cover = db.Messages.Where(m => m.Id == v.CoverId).Select(m => m.MessageId).SingleOrDefault(),
            })
            .ToListAsync(ct);
        var numberOf = versions.ToDictionary(v => v.Id, v => v.Version);
        var summaries = versions.Select(v => new SeriesVersionSummary(v.Version, v.VersionText, v.Head, v.Cover, v.Title, v.Date, v.DeclaredTotal,
            v.PatchCount, v.MissingIndices, v.ReplyCount, v.IsComplete, v.IsRfc, v.State,
            v.SupersededById is { } next && numberOf.TryGetValue(next, out var nextVersion) ? nextVersion : null,
            v.PreviousVersionId is { } previous && numberOf.TryGetValue(previous, out var previousVersion)
                ? new VersionLinkEvidence(previousVersion, v.LinkConfidence ?? 0, v.LinkSignals)
                : null)).ToList();

        return new SeriesDetail(series.Id, series.Title, new Person(series.SubmitterName, series.SubmitterEmail), series.State, summaries,
            await PullRequestsAsync(db, id, ct));
    }

    /// <summary>The pull requests that carried patches of a series, with the patches each applied.</summary>
    static async Task<List<PullRequestSummary>> PullRequestsAsync(PatchReviewDb db, long id, CancellationToken ct)
    {
        // served by ix_pull_requests_series_id
        var pulls = await db.PullRequests.AsNoTracking().Where(p => p.SeriesId == id)
            .Join(db.Messages, p => p.MessageId, m => m.Id, (p, m) => new { p.MessageId, m.IsGhost, Id = m.MessageId, m.Subject, m.FromName, m.FromEmail, m.Date })
            .ToListAsync(ct);
        if (pulls.Count == 0)
        {
            // Most series were never pulled: two round trips saved on every series, patch and decision page.
            return [];
        }
        var pullIds = pulls.Select(p => p.MessageId).ToList();
        var applied = await (
            from carried in db.PullRequestPatches.AsNoTracking()
            where pullIds.Contains(carried.PullRequestId) && carried.SeriesId == id
            join patch in db.VersionPatches on carried.PatchId equals patch.MessageId
            join version in db.SeriesVersions on patch.VersionId equals version.Id
            join message in db.Messages on patch.MessageId equals message.Id
            orderby version.Version, patch.Index
            select new { carried.PullRequestId, message.MessageId, version.Version, patch.Index })
            .ToListAsync(ct);
        // A pull request whose cover letter never reached the list is known by its carried patches.
        var carriers = await (
            from carried in db.PullRequestPatches.AsNoTracking()
            where pullIds.Contains(carried.PullRequestId) && carried.SeriesId == id
            join message in db.Messages on carried.CarrierId equals message.Id
            orderby message.Date
            select new { carried.PullRequestId, message.Subject, message.FromName, message.FromEmail, message.Date })
            .ToListAsync(ct);
        return [.. pulls.Select(p =>
        {
            var first = carriers.FirstOrDefault(c => c.PullRequestId == p.MessageId);
            var (subject, from, date) = p.IsGhost && first is not null
                ? (first.Subject, new Person(first.FromName, first.FromEmail), first.Date)
                : (p.Subject, new Person(p.FromName, p.FromEmail), p.Date);
            return new PullRequestSummary(p.Id, subject, from, date,
                [.. applied.Where(a => a.PullRequestId == p.MessageId).Select(a => new AppliedPatch(a.MessageId, a.Version, a.Index))]);
        })];
    }

    /// <summary>One version of a series; when a version number was posted more than once (a RESEND), the latest posting.</summary>
    public async Task<SeriesVersionDetail?> GetVersionAsync(long seriesId, int version, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.SeriesVersions.AsNoTracking().Where(v => v.SeriesId == seriesId && v.Version == version)
            .OrderByDescending(v => v.Date)
            .Select(v => new { v.Id, v.Version, Cover = db.Messages.Where(m => m.Id == v.CoverId).Select(m => m.MessageId).SingleOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }
        var changelog = await db.ChangelogEntries.AsNoTracking().Where(c => c.VersionId == found.Id).OrderBy(c => c.N).ToListAsync(ct);
        var patches = await PatchesAsync(db, db.VersionPatches.Where(p => p.VersionId == found.Id), ct);
        return new SeriesVersionDetail(found.Version, found.Cover,
            [.. changelog.Select(c => new ChangelogRecord(c.N, c.Text, [.. c.CreditedNames.Select((name, i) => new Person(name, i < c.CreditedEmails.Count ? c.CreditedEmails[i] : ""))]))],
            patches);
    }

    static async Task<List<VersionPatchSummary>> PatchesAsync(PatchReviewDb db, IQueryable<VersionPatch> query, CancellationToken ct)
    {
        var patches = await (
            from p in query.AsNoTracking()
            join m in db.Messages on p.MessageId equals m.Id
            join a in db.MailAnalysis on p.MessageId equals a.MessageId
            orderby p.Index
            select new
            {
                p.MessageId, p.Index, a.Title, Id = m.MessageId, a.PatchId, p.ReplyCount, a.Files, a.LinesAdded, a.LinesRemoved, p.Change, p.PreviousId,
            }).ToListAsync(ct);
        // The previous versions' patches in one query, rather than a correlated subquery per patch.
        var previousIds = patches.Select(p => p.PreviousId).OfType<long>().ToList();
        var previous = await (
            from q in db.VersionPatches.AsNoTracking()
            where previousIds.Contains(q.MessageId)
            join m in db.Messages on q.MessageId equals m.Id
            join v in db.SeriesVersions on q.VersionId equals v.Id
            select new { q.MessageId, Id = m.MessageId, v.Version })
            .ToDictionaryAsync(q => q.MessageId, ct);
        var ids = patches.Select(p => p.MessageId).ToList();
        var trailers = await (
            from t in db.PatchTrailers.AsNoTracking()
            where ids.Contains(t.PatchId)
            join source in db.Messages on t.SourceId equals source.Id
            orderby t.Id
            select new { t.PatchId, Record = new TrailerRecord(t.Type, t.Name, t.Email, t.Origin, source.MessageId, t.FromVersion, t.SenderMatches, t.Stale) })
            .ToListAsync(ct);
        var byPatch = trailers.ToLookup(t => t.PatchId, t => t.Record);
        return [.. patches.Select(p => new VersionPatchSummary(p.Index, p.Title, p.Id, p.PatchId, p.ReplyCount, p.Files.Count, p.LinesAdded,
            p.LinesRemoved, [.. byPatch[p.MessageId]],
            p.PreviousId is { } id && previous.TryGetValue(id, out var before)
                ? new PreviousPatch(before.Version, before.Id, p.Change == "unchanged" ? "unchanged" : "modified")
                : null))];
    }

    public async Task<SeriesMatrix?> GetMatrixAsync(long seriesId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // served by ix_version_patches_series_id
        var cells = await (
            from p in db.VersionPatches.AsNoTracking()
            where p.SeriesId == seriesId
            join v in db.SeriesVersions on p.VersionId equals v.Id
            join m in db.Messages on p.MessageId equals m.Id
            join a in db.MailAnalysis on p.MessageId equals a.MessageId
            select new { p.Row, v.Version, v.Date, p.Index, m.MessageId, p.Change, a.Title })
            .ToListAsync(ct);
        // Only a series without patches needs asking whether it exists at all.
        if (cells.Count == 0 && !await db.Series.AnyAsync(s => s.Id == seriesId, ct))
        {
            return null;
        }
        var versions = cells.Select(c => c.Version).Distinct().Order().ToList();
        var rows = cells.GroupBy(c => c.Row).OrderBy(g => g.Key).Select(row =>
        {
            // A version posted twice (a RESEND) shows its latest posting.
            var latest = row.GroupBy(c => c.Version).Select(g => g.OrderByDescending(c => c.Date).First()).ToList();
            var title = latest.OrderByDescending(c => c.Version).First().Title;
            return new MatrixRowRecord(title, latest.ToDictionary(
                c => c.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                c => new MatrixCellRecord(c.Index, c.MessageId, c.Change)));
        }).ToList();
        return new SeriesMatrix(versions, rows);
    }
}
