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
                m.MessageId, m.Subject, m.FromName, m.FromEmail, m.Date, m.DateHeader, m.Lists, m.BodyText, m.IsFlowed,
                ParentMessageId = m.Parent!.MessageId,
                RootMessageId = db.Messages.Where(r => r.Id == m.ThreadId).Select(r => r.MessageId).Single(),
                NamedIds = m.NamedIds.OrderBy(r => r.Kind).ThenBy(r => r.Position).Select(r => new { r.Kind, r.ReferencedMessageId }).ToList(),
                // A patch names its series, version and index; a cover letter its series and version.
                Patch = db.VersionPatches.Where(p => p.MessageId == m.Id)
                    .Select(p => new { p.SeriesId, Version = (int?)db.SeriesVersions.Where(v => v.Id == p.VersionId).Select(v => v.Version).Single(), Index = (int?)p.Index })
                    .SingleOrDefault(),
                Cover = db.SeriesVersions.Where(v => v.CoverId == m.Id || v.Id == m.Id).Select(v => new { v.SeriesId, Version = (int?)v.Version }).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        if (message is null)
        {
            return null;
        }
        var inReplyTo = message.NamedIds.Where(r => r.Kind == ReferenceKind.InReplyTo).Select(r => r.ReferencedMessageId).ToList();
        return new MessageDetail(message.MessageId, message.Subject, new Person(message.FromName, message.FromEmail), message.Date,
            message.DateHeader, inReplyTo,
            [.. message.NamedIds.Where(r => r.Kind == ReferenceKind.References).Select(r => r.ReferencedMessageId)],
            message.ParentMessageId, message.RootMessageId, message.Lists, message.BodyText, message.IsFlowed,
            MessageClassifier.Classify(message.Subject, inReplyTo.Count > 0, message.BodyText).ToApiName(),
            message.Patch?.SeriesId ?? message.Cover?.SeriesId, message.Patch?.Version ?? message.Cover?.Version, message.Patch?.Index);
    }

    /// <summary>The bytes as received, for <c>/raw</c>; null for an unknown or ghost Message-ID.</summary>
    public async Task<byte[]?> GetRawAsync(string messageId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // served by ix_messages_message_id, then the message_raw primary key
        return await db.Messages.AsNoTracking()
            .Where(m => m.MessageId == messageId && !m.IsGhost)
            .Select(m => m.Raw!.Data)
            .SingleOrDefaultAsync(ct);
    }
}
