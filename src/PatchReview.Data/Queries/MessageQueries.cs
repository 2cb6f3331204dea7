using Microsoft.EntityFrameworkCore;
using PatchReview.Core.Mail;
using PatchReview.Core.Patches;
using PatchReview.Data.Entities;

namespace PatchReview.Data.Queries;

public sealed record MessageDetail(
    string MessageId,
    string Subject,
    Person From,
    DateTimeOffset? Date,
    string? DateHeader,
    IReadOnlyList<string> InReplyTo,
    IReadOnlyList<string> References,
    string? ParentMessageId,
    string ThreadRootMessageId,
    IReadOnlyList<string> Lists,
    string BodyText,
    bool IsFlowed,
    string Kind,
    long? SeriesId,
    int? Version,
    int? PatchIndex);

public sealed class MessageQueries(IDbContextFactory<PatchReviewDb> dbFactory)
{
    public async Task<MessageDetail?> GetMessageAsync(string messageId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // served by ix_messages_message_id
        var message = await db.Messages.AsNoTracking()
            .Where(m => m.MessageId == messageId && !m.IsGhost)
            .Select(m => new
            {
                m.Id, m.MessageId, m.Subject, m.FromName, m.FromEmail, m.Date, m.DateHeader, m.Lists, m.BodyText, m.IsFlowed,
                ParentMessageId = m.Parent!.MessageId,
                RootMessageId = db.Messages.Where(r => r.Id == m.ThreadId).Select(r => r.MessageId).Single(),
                NamedIds = m.NamedIds.OrderBy(r => r.Kind).ThenBy(r => r.Position).Select(r => new { r.Kind, r.ReferencedMessageId }).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (message is null)
        {
            return null;
        }
        var inReplyTo = message.NamedIds.Where(r => r.Kind == ReferenceKind.InReplyTo).Select(r => r.ReferencedMessageId).ToList();
        // A patch names its series, version and index; a cover letter its series and version.
        // served by the version_patches primary key, and by ix_series_versions_cover_id
        var patch = await db.VersionPatches.AsNoTracking().Where(p => p.MessageId == message.Id)
            .Join(db.SeriesVersions, p => p.VersionId, v => v.Id, (p, v) => new { p.SeriesId, Version = (int?)v.Version, Index = (int?)p.Index })
            .SingleOrDefaultAsync(ct);
        var cover = patch is not null ? null : await db.SeriesVersions.AsNoTracking().Where(v => v.CoverId == message.Id || v.Id == message.Id)
            .Select(v => new { v.SeriesId, Version = (int?)v.Version }).FirstOrDefaultAsync(ct);
        return new MessageDetail(message.MessageId, message.Subject, new Person(message.FromName, message.FromEmail), message.Date,
            message.DateHeader, inReplyTo,
            [.. message.NamedIds.Where(r => r.Kind == ReferenceKind.References).Select(r => r.ReferencedMessageId)],
            message.ParentMessageId, message.RootMessageId, message.Lists, message.BodyText, message.IsFlowed,
            MessageClassifier.Classify(message.Subject, inReplyTo.Count > 0, message.BodyText).ToApiName(),
            patch?.SeriesId ?? cover?.SeriesId, patch?.Version ?? cover?.Version, patch?.Index);
    }

    /// <summary>The bytes as received, for <c>/raw</c>; null for an unknown or ghost Message-ID.</summary>
    public async Task<byte[]?> GetRawAsync(string messageId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // served by ix_messages_message_id, then the message_raw primary key
        return await (from m in db.Messages
                      where m.MessageId == messageId && !m.IsGhost
                      join r in db.MessageRaw on m.Id equals r.MessageId
                      select r.Data).AsNoTracking().SingleOrDefaultAsync(ct);
    }
}
