using System.Text.RegularExpressions;
using PatchReview.Core.Mail;

namespace PatchReview.Core.Review;

/// <summary>One message of a thread, as the review analysis reads it.</summary>
public sealed record ThreadMail(string MessageId, string? ParentMessageId, Person Sender, DateTimeOffset? Date, string Body,
    bool IsFlowed, bool DelSp);

/// <summary>
/// A reviewer's new text with what it is about. <see cref="RepliesTo"/> is set when the text answers an earlier
/// comment rather than the patch: it then sits at that comment's anchor, as a reply in a code review tool does.
/// </summary>
public sealed record ReviewComment(string MessageId, Person Author, DateTimeOffset? Date, CommentAnchor Anchor, string Text, string? RepliesTo);

/// <summary>
/// A reviewer's sentence that ends in a question mark. <see cref="AnsweredBy"/> is the Message-ID of the patch
/// author's reply below it, or of the next version's changelog that credits the reviewer; null while it is open.
/// </summary>
public sealed record ReviewQuestion(string MessageId, Person Author, DateTimeOffset? Date, string Text, string? AnsweredBy);

/// <summary>
/// The review of one thread: who said what in each reply, and the comments on each patch, anchored to the lines
/// they quote. Example: in the zPCI v6 thread, Jason Gunthorpe's <c>20220427140410.GX2125828@nvidia.com</c>
/// quotes 16/21 down to <c>symbol_put(kvm_s390_pci_register_kvm);</c> and asks whether a direct dependency would
/// do; the comment sits on that line of drivers/vfio/pci/vfio_pci_zdev.c, and Matthew Rosato's answers sit below it.
/// </summary>
public sealed partial class ReviewThread
{
    readonly Dictionary<string, ThreadMail> _mails;
    readonly Dictionary<string, string> _unflowed = new(StringComparer.Ordinal);
    readonly Dictionary<string, IReadOnlyList<ReplyBlock>> _blocks = new(StringComparer.Ordinal);
    readonly Dictionary<string, IReadOnlyList<AttributedBlock>> _quotes = new(StringComparer.Ordinal);
    readonly Dictionary<string, QuoteCandidate> _candidates = new(StringComparer.Ordinal);
    readonly Dictionary<string, IReadOnlyList<ReviewComment>> _comments = new(StringComparer.Ordinal);
    readonly Dictionary<string, PatchLines> _lines = new(StringComparer.Ordinal);
    readonly Dictionary<ReviewComment, string> _commentKeys = new(ReferenceEqualityComparer.Instance);
    ILookup<string, ThreadMail>? _children;

    ReviewThread(Dictionary<string, ThreadMail> mails) => _mails = mails;

    /// <summary>
    /// The review of the given mail: one thread, or several at once (each message hangs below its parent by
    /// Message-ID, so threads stay apart), which lets the threads of a series share one analysis.
    /// </summary>
    public static ReviewThread Of(IEnumerable<ThreadMail> mails)
    {
        ArgumentNullException.ThrowIfNull(mails);
        var byId = new Dictionary<string, ThreadMail>(StringComparer.Ordinal);
        foreach (var mail in mails)
        {
            byId.TryAdd(mail.MessageId, mail);
        }
        return new ReviewThread(byId);
    }

    public bool Contains(string messageId) => _mails.ContainsKey(messageId);

    /// <summary>The blocks of one message, each with the message whose words it is.</summary>
    public IReadOnlyList<AttributedBlock> Quotes(string messageId)
    {
        if (_quotes.TryGetValue(messageId, out var cached))
        {
            return cached;
        }
        var mail = _mails[messageId];
        var (ancestors, complete) = Ancestors(mail);
        var candidates = ancestors.Select(Candidate).ToList();
        return _quotes[messageId] = QuoteAttributor.Attribute(Blocks(mail), mail.MessageId, mail.Sender, candidates, complete);
    }

    /// <summary>Whether a message quotes anything; when it does not, its <see cref="Quotes"/> are its own text alone.</summary>
    public bool HasQuotes(string messageId) => _quotes.TryGetValue(messageId, out var blocks)
        ? blocks.Any(b => b.Block.Depth > 0)
        : QuoteSplitter.HasQuotedLines(TextOf(_mails[messageId]), false, false);

    /// <summary>The comments of every reply below the patch, in date order.</summary>
    public IReadOnlyList<ReviewComment> CommentsOn(string patchMessageId)
    {
        if (_comments.TryGetValue(patchMessageId, out var found))
        {
            return found;
        }
        var below = Descendants(patchMessageId);
        if (below.Count == 0)
        {
            // Most patches get no reply: their lines are not parsed for comments that cannot exist.
            return _comments[patchMessageId] = [];
        }
        var lines = LinesOf(patchMessageId);
        var replies = below.OrderBy(m => m.Date).ThenBy(m => m.MessageId, StringComparer.Ordinal);
        var comments = new List<ReviewComment>();
        var byMessage = new Dictionary<string, List<ReviewComment>>(StringComparer.Ordinal);
        foreach (var reply in replies)
        {
            var own = CommentsOf(reply, patchMessageId, lines, byMessage);
            byMessage[reply.MessageId] = own;
            comments.AddRange(own);
        }
        return _comments[patchMessageId] = comments;
    }

    List<ReviewComment> CommentsOf(ThreadMail reply, string patchMessageId, PatchLines lines, Dictionary<string, List<ReviewComment>> earlier)
    {
        var comments = new List<ReviewComment>();
        AttributedBlock? above = null;
        foreach (var block in Quotes(reply.MessageId))
        {
            if (block.Block.Depth > 0)
            {
                if (block.Block.Kind == ReplyBlockKind.Text)
                {
                    above = block;
                }
                continue;
            }
            if (block.Block.Kind == ReplyBlockKind.Signature)
            {
                break;
            }
            if (block.Block.Kind != ReplyBlockKind.Text || !HasSubstance(block.Block.Text))
            {
                continue;
            }
            var (anchor, repliesTo) = above switch
            {
                null => (CommentAnchor.General, null),
                { SourceMessageId: var source } when source == patchMessageId => (OnPatch(above.Block.Text, lines), null),
                { SourceMessageId: { } source } => Inherited(source, above.Block.Text, earlier),
                _ => (CommentAnchor.General, null),
            };
            comments.Add(new ReviewComment(reply.MessageId, reply.Sender, reply.Date, anchor, block.Block.Text, repliesTo));
            above = null;
        }
        return comments;
    }

    /// <summary>
    /// The questions reviewers asked in <paramref name="comments"/> (from <see cref="CommentsOn"/>), with who answered.
    /// <paramref name="creditedLater"/> gives the Message-ID of the next version's changelog when it credits a reviewer.
    /// </summary>
    public IReadOnlyList<ReviewQuestion> QuestionsOn(string patchMessageId, IReadOnlyList<ReviewComment> comments, Func<Person, string?> creditedLater)
    {
        ArgumentNullException.ThrowIfNull(comments);
        ArgumentNullException.ThrowIfNull(creditedLater);
        var author = _mails[patchMessageId].Sender;
        var questions = new List<ReviewQuestion>();
        foreach (var comment in comments.Where(c => !SamePerson(c.Author, author)))
        {
            var asked = Questions(comment.Text).ToList();
            if (asked.Count == 0)
            {
                continue;
            }
            // The author's first reply anywhere below the comment answers it.
            var answer = Descendants(comment.MessageId).Where(m => SamePerson(m.Sender, author))
                .OrderBy(m => m.Date).ThenBy(m => m.MessageId, StringComparer.Ordinal).FirstOrDefault()?.MessageId
                ?? creditedLater(comment.Author);
            questions.AddRange(asked.Select(sentence => new ReviewQuestion(comment.MessageId, comment.Author, comment.Date, sentence, answer)));
        }
        return questions;
    }

    /// <summary>Every reply below a message, at any depth, in date order, with its sender's own new text less greetings and sign-offs.</summary>
    public IEnumerable<(ThreadMail Mail, string Text)> RepliesBelow(string messageId) =>
        Descendants(messageId).OrderBy(m => m.Date).ThenBy(m => m.MessageId, StringComparer.Ordinal)
            .Select(m => (m, string.Join('\n', Quotes(m.MessageId).Where(b => b.Block is { Depth: 0, Kind: ReplyBlockKind.Text })
                .SelectMany(b => b.Block.Text.Split('\n')).Where(line => !Courtesy().IsMatch(line)))));

    /// <summary>The lines of a patch (or cover letter) of the thread, as comments anchor to them; parsed once.</summary>
    public PatchLines LinesOf(string messageId)
    {
        if (!_lines.TryGetValue(messageId, out var lines))
        {
            _lines[messageId] = lines = PatchLines.Of(_mails[messageId].Body);
        }
        return lines;
    }

    /// <summary>Who sent a message of the thread.</summary>
    public Person SenderOf(string messageId) => _mails[messageId].Sender;

    /// <summary>The body of a message of the thread, or null.</summary>
    public string? BodyOf(string messageId) => _mails.TryGetValue(messageId, out var mail) ? mail.Body : null;

    /// <summary>One person when the address or the full name is the same: reviewers write from two addresses.</summary>
    public static bool SamePerson(Person a, Person b) =>
        string.Equals(a.Email, b.Email, StringComparison.OrdinalIgnoreCase)
        || (a.Name.Length > 0 && string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The sentences of a text that end in "?" and have three words or more: "Why?" alone asks too little to track.</summary>
    static IEnumerable<string> Questions(string text) =>
        Prose.Sentences(text).Where(s => s.EndsWith('?') && s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3);

    /// <summary>
    /// Where a comment below a quote of the patch sits. A reply that quotes the whole patch and adds a line at the
    /// bottom ("Applied, thanks") speaks of the patch, not of its last line.
    /// </summary>
    static CommentAnchor OnPatch(string quote, PatchLines lines)
    {
        var anchor = DiffQuote.Anchor(quote, lines);
        var wholePatch = anchor is { Target: CommentTarget.Diff } && lines.DiffLineCount >= WholePatchMinimum
            && anchor.QuotedLines >= lines.DiffLineCount * WholePatchShare;
        return anchor is null || wholePatch ? CommentAnchor.General : anchor;
    }

    /// <summary>A quote of this share of a patch's diff lines (or more) is a quote of the whole patch.</summary>
    const double WholePatchShare = 0.8;

    /// <summary>Below this many diff lines, quoting all of them is how one comments on the last: the patch is that short.</summary>
    const int WholePatchMinimum = 10;

    /// <summary>A reply to an earlier comment sits where that comment sits; the quote names which of its comments.</summary>
    (CommentAnchor, string?) Inherited(string source, string quote, Dictionary<string, List<ReviewComment>> earlier)
    {
        if (!earlier.TryGetValue(source, out var comments) || comments.Count == 0)
        {
            return (CommentAnchor.General, null);
        }
        using var keys = LineKeys.Of(quote);
        var lines = keys.Lines;
        lines.RemoveAll(k => k.Length < QuoteAttributor.SignificantLength);
        foreach (var comment in comments)
        {
            // Replies to one comment come one after another: its key is made once.
            if (!_commentKeys.TryGetValue(comment, out var key))
            {
                _commentKeys[comment] = key = QuoteAttributor.Key(comment.Text);
            }
            foreach (var line in lines)
            {
                if (key.AsSpan().Contains(keys[line], StringComparison.Ordinal))
                {
                    return (comment.Anchor, comment.MessageId);
                }
            }
        }
        return (CommentAnchor.General, null);
    }

    /// <summary>
    /// Text that says something: not only a greeting, a sign-off ("Thanks,", "Jason") or trailers. Terse is not
    /// empty: Jason Gunthorpe's whole comment on a Kconfig help text in zPCI v7 10/22 is <c>"say Y"</c>.
    /// </summary>
    static bool HasSubstance(string text)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (!line.IsWhiteSpace() && !Trailer().IsMatch(line) && !Courtesy().IsMatch(line))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A message as a possible source of quotes, made once: its own text's keys are computed on first use.</summary>
    QuoteCandidate Candidate(ThreadMail mail)
    {
        if (!_candidates.TryGetValue(mail.MessageId, out var candidate))
        {
            _candidates[mail.MessageId] = candidate = new QuoteCandidate(mail.MessageId, mail.Sender, TextOf(mail));
        }
        return candidate;
    }

    IReadOnlyList<ReplyBlock> Blocks(ThreadMail mail)
    {
        if (!_blocks.TryGetValue(mail.MessageId, out var blocks))
        {
            _blocks[mail.MessageId] = blocks = QuoteSplitter.Split(TextOf(mail), false, false);
        }
        return blocks;
    }

    /// <summary>A message's text, unflowed once (RFC 3676) for its blocks, its quotes and as the source of later quotes.</summary>
    string TextOf(ThreadMail mail)
    {
        if (!mail.IsFlowed)
        {
            return mail.Body;
        }
        if (!_unflowed.TryGetValue(mail.MessageId, out var text))
        {
            _unflowed[mail.MessageId] = text = FlowedText.Unflow(mail.Body, mail.DelSp);
        }
        return text;
    }

    /// <summary>Parent first, up to the root; <c>Complete</c> is false when a parent is not held.</summary>
    (List<ThreadMail> Mails, bool Complete) Ancestors(ThreadMail mail)
    {
        var chain = new List<ThreadMail>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { mail.MessageId };
        var parent = mail.ParentMessageId;
        while (parent is not null && seen.Add(parent))
        {
            if (!_mails.TryGetValue(parent, out var next))
            {
                return (chain, false);
            }
            chain.Add(next);
            parent = next.ParentMessageId;
        }
        return (chain, true);
    }

    /// <summary>Every reply below a message, at any depth.</summary>
    List<ThreadMail> Descendants(string messageId)
    {
        _children ??= _mails.Values.Where(m => m.ParentMessageId is not null && m.ParentMessageId != m.MessageId)
            .ToLookup(m => m.ParentMessageId!, StringComparer.Ordinal);
        var found = new List<ThreadMail>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { messageId };
        var pending = new Stack<string>([messageId]);
        while (pending.TryPop(out var id))
        {
            foreach (var child in _children[id])
            {
                if (seen.Add(child.MessageId))
                {
                    found.Add(child);
                    pending.Push(child.MessageId);
                }
            }
        }
        return found;
    }

    [GeneratedRegex(@"^\s*[A-Z][A-Za-z-]*-by:\s", RegexOptions.CultureInvariant)]
    private static partial Regex Trailer();

    /// <summary>
    /// "Hi Matthew,", "Thanks,", "Regards", "Otherwise," and a lone first name: the frame of a comment, not its
    /// content. A one-word answer with a full stop ("Agreed.") is content.
    /// </summary>
    [GeneratedRegex(@"^\s*(?:(?i:(?:hi|hello|dear)\b.*|(?:many\s+)?thanks?(?:\s+you)?[,.!]*(?:\s+\w+)?|regards[,.]*|cheers[,.]*|best(?:\s+regards)?[,.]*)|[A-Z][a-z]+(?:-[A-Z][a-z]+)?,?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Courtesy();
}
