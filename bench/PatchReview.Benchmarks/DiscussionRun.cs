using System.Diagnostics;
using PatchReview.Core.Mail;
using PatchReview.Core.Review;
using PatchReview.Core.Series;
using PatchReview.Core.Threading;

namespace PatchReview.Benchmarks;

/// <summary>
/// What the review analysis finds in an archive, and what it costs: replies with quotes, quoted blocks with and
/// without a source message (by reason), inline comments anchored to a diff line, and the share of those anchored
/// by content alone (no hunk header in the quote).
/// </summary>
static class DiscussionRun
{
    public static async Task<int> RunAsync(string archive)
    {
        var messages = new List<ParsedMessage>();
        await foreach (var envelope in MailReader.ReadAsync(archive))
        {
            if (MessageParser.Parse(envelope).Message is { } message)
            {
                messages.Add(message);
            }
        }
        var roles = messages.ToDictionary(m => m.MessageId, m => MailFacts.Of(m).Role, StringComparer.Ordinal);
        var links = ThreadBuilder.Build(messages.Select(m => new ThreadInput(m.MessageId, m.InReplyTo, m.References, m.Date)))
            .Where(l => !l.IsGhost).ToDictionary(l => l.MessageId, StringComparer.Ordinal);

        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        int replies = 0, quoting = 0, quotedBlocks = 0, sourced = 0, notInArchive = 0, noMatch = 0;
        int comments = 0, onDiff = 0, byContent = 0, onMessage = 0, general = 0, answers = 0, questions = 0, open = 0;
        var reviewingReplies = new HashSet<string>(StringComparer.Ordinal);
        int quotingDiff = 0, withoutHunkHeader = 0;
        var bodies = messages.ToDictionary(m => m.MessageId, m => m.BodyText, StringComparer.Ordinal);
        var patchLines = new Dictionary<string, PatchLines>(StringComparer.Ordinal);
        PatchLines LinesOf(string id) => patchLines.TryGetValue(id, out var lines) ? lines : patchLines[id] = PatchLines.Of(bodies[id]);
        foreach (var thread in messages.GroupBy(m => links[m.MessageId].RootMessageId))
        {
            var review = ReviewThread.Of(thread.Select(m => new ThreadMail(m.MessageId, links[m.MessageId].ParentMessageId, m.From, m.Date,
                m.BodyText, m.IsFlowed, m.DelSp)));
            foreach (var message in thread)
            {
                var role = roles[message.MessageId];
                if (role is SeriesRole.Patch or SeriesRole.PullPatch)
                {
                    var found = review.CommentsOn(message.MessageId);
                    comments += found.Count;
                    onDiff += found.Count(c => c.Anchor.Target == CommentTarget.Diff && c.RepliesTo is null);
                    byContent += found.Count(c => c.Anchor.Target == CommentTarget.Diff && c.RepliesTo is null && c.Anchor.ByContent);
                    onMessage += found.Count(c => c.Anchor.Target == CommentTarget.CommitMessage && c.RepliesTo is null);
                    general += found.Count(c => c.Anchor.Target == CommentTarget.General);
                    answers += found.Count(c => c.RepliesTo is not null);
                    reviewingReplies.UnionWith(found.Where(c => c.Anchor.Target == CommentTarget.Diff && c.RepliesTo is null).Select(c => c.MessageId));
                    var asked = review.QuestionsOn(message.MessageId, found, _ => null);
                    questions += asked.Count;
                    open += asked.Count(q => q.AnsweredBy is null);
                }
                if (role is not (SeriesRole.Reply or null) || links[message.MessageId].ParentMessageId is null && message.InReplyTo.Count == 0)
                {
                    continue;
                }
                replies++;
                var blocks = review.Quotes(message.MessageId).Where(b => b.Block is { Depth: > 0, Kind: ReplyBlockKind.Text }).ToList();
                quoting += blocks.Count > 0 ? 1 : 0;
                quotedBlocks += blocks.Count;
                sourced += blocks.Count(b => b.SourceMessageId is not null);
                notInArchive += blocks.Count(b => b.Problem == QuoteSourceProblem.NotInArchive);
                noMatch += blocks.Count(b => b.Problem == QuoteSourceProblem.NoMatch);
                // A reply "quotes diff lines" when a quote taken from a patch shows lines of its diff.
                var diffQuotes = blocks.Where(b => b.SourceMessageId is { } source && roles.GetValueOrDefault(source) is SeriesRole.Patch or SeriesRole.PullPatch
                    && b.Block.Text.Split('\n').Select(QuoteAttributor.Key).Any(k => LinesOf(source).PositionsOf(k).Any(p => LinesOf(source).Lines[p].Target == CommentTarget.Diff)))
                    .ToList();
                if (diffQuotes.Count > 0)
                {
                    quotingDiff++;
                    withoutHunkHeader += diffQuotes.Any(b => b.Block.Text.Split('\n').Any(l => l.StartsWith("@@", StringComparison.Ordinal))) ? 0 : 1;
                }
            }
        }
        var elapsed = clock.Elapsed;
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        Console.WriteLine($"archive: {Path.GetFileName(archive)}, {messages.Count} messages");
        Console.WriteLine($"replies: {replies}, with quotes {quoting}");
        Console.WriteLine($"quoted blocks: {quotedBlocks}, with a source message {sourced} ({Share(sourced, quotedBlocks)}), " +
            $"source not in the archive {notInArchive}, no ancestor wrote it {noMatch}");
        Console.WriteLine($"comments under patches: {comments}: on a diff line {onDiff} (by content alone, no hunk header: {byContent} = {Share(byContent, onDiff)}), " +
            $"on the commit message {onMessage}, general {general}, answers to a comment {answers}");
        Console.WriteLine($"replies quoting diff lines of a patch: {quotingDiff}, with no hunk header in those quotes {withoutHunkHeader}");
        Console.WriteLine($"replies with a comment on a diff line: {reviewingReplies.Count}");
        Console.WriteLine($"questions: {questions}, open {open}");
        Console.WriteLine($"analysis: {elapsed.TotalSeconds:0.00} s wall, {used.TotalSeconds:0.00} s CPU, {elapsed.TotalMilliseconds * 1000 / messages.Count:0} µs per message");
        return 0;
    }

    static string Share(int part, int whole) => whole == 0 ? "-" : $"{100.0 * part / whole:0.0}%";
}
