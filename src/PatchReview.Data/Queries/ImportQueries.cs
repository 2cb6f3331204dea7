using Microsoft.EntityFrameworkCore;

namespace PatchReview.Data.Queries;

public sealed record ImportRecord(long Id, string Source, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    int Read, int Stored, int Duplicates, int Variants, int Rejected, string? Error);

public sealed record RejectedRecord(long Id, long ImportId, string Source, long Offset, string? BlobId, string Reason, int Size);

public sealed class ImportQueries(IDbContextFactory<PatchReviewDb> dbFactory)
{
    public async Task<Page<ImportRecord>> ListImportsAsync(PageRequest page, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var total = await db.Imports.CountAsync(ct);
        var items = await db.Imports.AsNoTracking()
            .OrderByDescending(i => i.Id)
            .Skip(page.Skip).Take(page.PageSize)
            .Select(i => new ImportRecord(i.Id, i.Source, i.StartedAt, i.FinishedAt, i.Read, i.Stored, i.Duplicates, i.Variants, i.Rejected, i.Error))
            .ToListAsync(ct);
        return new Page<ImportRecord>(items, total, page);
    }

    public async Task<ImportRecord?> GetImportAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Imports.AsNoTracking()
            .Where(i => i.Id == id)
            .Select(i => new ImportRecord(i.Id, i.Source, i.StartedAt, i.FinishedAt, i.Read, i.Stored, i.Duplicates, i.Variants, i.Rejected, i.Error))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>Rejected mail, newest first; <paramref name="importId"/> narrows it to one import.</summary>
    public async Task<Page<RejectedRecord>> ListRejectedAsync(long? importId, PageRequest page, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rejected = db.RejectedMessages.AsNoTracking();
        if (importId is { } id)
        {
            // served by ix_rejected_messages_import_id
            rejected = rejected.Where(r => r.ImportId == id);
        }
        var total = await rejected.CountAsync(ct);
        var items = await rejected
            .OrderByDescending(r => r.Id)
            .Skip(page.Skip).Take(page.PageSize)
            .Select(r => new RejectedRecord(r.Id, r.ImportId, r.Source, r.SourceOffset, r.BlobId, r.Reason, r.Size))
            .ToListAsync(ct);
        return new Page<RejectedRecord>(items, total, page);
    }

    /// <summary>
    /// A stamp that changes whenever stored mail may have changed: an import starts, saves a batch of new messages, or finishes.
    /// The web host keys its response cache on it, so a page is never older than the last import.
    /// </summary>
    public async Task<string> GetArchiveStampAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lastImport = await db.Imports.MaxAsync(i => (long?)i.Id, ct);
        var finished = await db.Imports.CountAsync(i => i.FinishedAt != null, ct);
        // served by the primary key
        var lastMessage = await db.Messages.MaxAsync(m => (long?)m.Id, ct);
        // A maintainer's link or unlink and a review of a decision change pages without an import.
        var lastLink = await db.VersionLinkOverrides.MaxAsync(o => (DateTimeOffset?)o.CreatedAt, ct);
        var lastReview = await db.DecisionReviews.MaxAsync(r => (DateTimeOffset?)r.ReviewedAt, ct);
        return FormattableString.Invariant($"{lastImport}.{finished}.{lastMessage}.{lastLink?.UtcTicks}.{lastReview?.UtcTicks}");
    }

    public async Task<byte[]?> GetRejectedRawAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.RejectedMessages.AsNoTracking().Where(r => r.Id == id).Select(r => r.Raw).SingleOrDefaultAsync(ct);
    }
}
