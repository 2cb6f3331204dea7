using Microsoft.EntityFrameworkCore;
using PatchReview.Core.Mail;

namespace PatchReview.Data.Queries;

public sealed record ThreadSummary(
    string RootMessageId,
    string Subject,
    Person From,
    DateTimeOffset? Date,
    DateTimeOffset? LastActivity,
    int MessageCount,
    IReadOnlyList<Person> Participants);

public sealed record ThreadMessage(
    string MessageId,
    string? ParentMessageId,
    int Depth,
    string? Subject,
    Person? From,
    DateTimeOffset? Date,
    bool IsGhost);

public sealed record ThreadDetail(string RootMessageId, int MessageCount, IReadOnlyList<ThreadMessage> Messages);

/// <summary>The text of one message of a thread, for pages that show bodies.</summary>
/// <summary>A message's text; <see cref="Quotes"/> is who said what in it, null when it quotes nothing.</summary>
public sealed record ThreadMessageBody(string MessageId, string BodyText, bool IsFlowed, MessageQuotes? Quotes);

public sealed record ThreadFilter(string? List, DateTimeOffset? Since, DateTimeOffset? Until);

public sealed class ThreadQueries(IDbContextFactory<PatchReviewDb> dbFactory)
{
    /// <summary>Threads by newest activity first.</summary>
    public async Task<Page<ThreadSummary>> ListThreadsAsync(ThreadFilter filter, PageRequest page, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var threads = db.Threads.AsNoTracking();
        if (!string.IsNullOrEmpty(filter.List))
        {
            threads = threads.Where(t => t.Lists.Contains(filter.List));
        }
        if (filter.Since is { } since)
        {
            threads = threads.Where(t => t.LastActivity >= since);
        }
        if (filter.Until is { } until)
        {
            threads = threads.Where(t => t.LastActivity < until);
        }
        var total = await threads.CountAsync(ct);
        // served by ix_threads_last_activity
        var rows = await threads
            .OrderByDescending(t => t.LastActivity.HasValue).ThenByDescending(t => t.LastActivity).ThenByDescending(t => t.Id)
            .Skip(page.Skip).Take(page.PageSize)
            .Select(t => new { t.Id, RootMessageId = t.Root!.MessageId, t.Subject, t.FromName, t.FromEmail, t.Date, t.LastActivity, t.MessageCount })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        // served by ix_messages_thread_id_date
        var senders = await db.Messages.AsNoTracking()
            .Where(m => ids.Contains(m.ThreadId) && !m.IsGhost)
            .OrderBy(m => m.Date)
            .Select(m => new { m.ThreadId, m.FromName, m.FromEmail })
            .ToListAsync(ct);
        var participants = senders
            .GroupBy(s => s.ThreadId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Person>)[.. g.DistinctBy(s => s.FromEmail.ToLowerInvariant()).Select(s => new Person(s.FromName, s.FromEmail))]);
        var items = rows.Select(r => new ThreadSummary(r.RootMessageId, r.Subject, new Person(r.FromName, r.FromEmail), r.Date, r.LastActivity,
            r.MessageCount, participants.GetValueOrDefault(r.Id, []))).ToList();
        return new Page<ThreadSummary>(items, total, page);
    }

    /// <summary>The whole thread that holds <paramref name="messageId"/>, depth-first, siblings by date.</summary>
    public async Task<ThreadDetail?> GetThreadAsync(string messageId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // served by ix_messages_message_id, then ix_messages_thread_id_date
        var threadId = await db.Messages.Where(m => m.MessageId == messageId).Select(m => (long?)m.ThreadId).SingleOrDefaultAsync(ct);
        if (threadId is null)
        {
            return null;
        }
        var rows = await db.Messages.AsNoTracking()
            .Where(m => m.ThreadId == threadId)
            .Select(m => new ThreadRow(m.Id, m.MessageId, m.ParentId, m.IsGhost, m.Subject, m.FromName, m.FromEmail, m.Date))
            .ToListAsync(ct);
        var root = rows.SingleOrDefault(r => r.Id == threadId);
        if (root is null)
        {
            return null;
        }
        var messageIds = rows.ToDictionary(r => r.Id, r => r.MessageId);
        var children = rows.Where(r => r.ParentId is not null && r.Id != threadId).ToLookup(r => r.ParentId!.Value);
        var ordered = new List<ThreadMessage>(rows.Count);
        var stack = new Stack<(ThreadRow Row, int Depth)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (row, depth) = stack.Pop();
            ordered.Add(row.IsGhost
                ? new ThreadMessage(row.MessageId, row.ParentId is { } p ? messageIds[p] : null, depth, null, null, null, true)
                : new ThreadMessage(row.MessageId, row.ParentId is { } q ? messageIds[q] : null, depth, row.Subject,
                    new Person(row.FromName, row.FromEmail), row.Date, false));
            foreach (var child in children[row.Id].OrderByDescending(c => c.Date ?? DateTimeOffset.MaxValue).ThenByDescending(c => c.MessageId, StringComparer.Ordinal))
            {
                stack.Push((child, depth + 1));
            }
        }
        return new ThreadDetail(root.MessageId, ordered.Count(m => !m.IsGhost), ordered);
    }

    /// <summary>Bodies of every received message in the thread of <paramref name="rootMessageId"/>.</summary>
    public async Task<IReadOnlyDictionary<string, ThreadMessageBody>> GetThreadBodiesAsync(string rootMessageId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var threadId = await db.Messages.Where(m => m.MessageId == rootMessageId).Select(m => (long?)m.ThreadId).SingleOrDefaultAsync(ct);
        // served by ix_messages_thread_id_date; one read gives the texts and who said what in them
        var mails = await ReviewQueries.RowsWithQuotes(db).Where(m => m.ThreadId == threadId && !m.IsGhost).ToListAsync(ct);
        var quotes = ReviewQueries.QuotesOf(mails);
        return mails.ToDictionary(m => m.MessageId, m => new ThreadMessageBody(m.MessageId, m.BodyText, m.IsFlowed, quotes.GetValueOrDefault(m.MessageId)),
            StringComparer.Ordinal);
    }

    /// <summary>The lists seen in the archive, for the thread list filter.</summary>
    public async Task<IReadOnlyList<string>> ListNamesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lists = await db.Threads.AsNoTracking().Select(t => t.Lists).ToListAsync(ct);
        return [.. lists.SelectMany(l => l).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    sealed record ThreadRow(long Id, string MessageId, long? ParentId, bool IsGhost, string Subject, string FromName, string FromEmail, DateTimeOffset? Date);
}
