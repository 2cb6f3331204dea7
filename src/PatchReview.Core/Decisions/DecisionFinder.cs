using System.Text.RegularExpressions;
using PatchReview.Core.Diffs;
using PatchReview.Core.Mail;
using PatchReview.Core.Review;

namespace PatchReview.Core.Decisions;

/// <summary>A patch of a version, with its counterpart in the version before when the patch matrix has one.</summary>
public sealed record DecisionPatch(string MessageId, string Body, string? PreviousBody);

/// <summary>A changelog item of a version, with the people it credits and the mail it was written in.</summary>
public sealed record DecisionChangelogItem(string SourceMessageId, string Text, IReadOnlyList<Person> Credited);

/// <summary>One posted version of a series, as decision finding reads it.</summary>
public sealed record DecisionVersion(int Version, string? CoverMessageId, IReadOnlyList<DecisionPatch> Patches, IReadOnlyList<DecisionChangelogItem> Changelog);

public enum DecisionStatus
{
    Proposed,
    Agreed,
    Implemented,
    Dropped,
}

public enum StepRole
{
    Question,
    Proposal,
    Agreement,
    Objection,
    Changelog,
    Implementation,
}

/// <summary>
/// One link of a decision's evidence chain: who said it, in which version, and the sentence (or, for the
/// implementation, the added lines) that shows it. <see cref="File"/> and <see cref="Line"/> place an
/// implementation in its patch.
/// </summary>
public sealed record DecisionStep(StepRole Role, string MessageId, Person Author, int Version, string Quote)
{
    public string? File { get; init; }
    public int? Line { get; init; }
}

/// <summary>
/// A design decision taken in review. <see cref="Signals"/> say what produced it; <see cref="Confidence"/> sums
/// their weights. <see cref="RaisedIn"/> is the version whose review raised it.
/// </summary>
public sealed record Decision(string Title, DecisionStatus Status, double Confidence, IReadOnlyList<string> Signals,
    IReadOnlyList<DecisionStep> Steps, IReadOnlyList<string> Identifiers, int RaisedIn)
{
    /// <summary>
    /// A patch of an earlier version that the proposal links to: zPCI's proposal points at v3 14/30, which had
    /// brought in an earlier Kconfig option that v4 removed. The decision goes back to it.
    /// </summary>
    public string? Revisits { get; init; }

    /// <summary>A decision resting on a single signal is too weak to show unless asked for.</summary>
    public bool ShownByDefault => Signals.Count >= 2 && Confidence >= DecisionFinder.ShownConfidence;
}

/// <summary>
/// Finds the design decisions of a series from what review left in the mail: a reviewer asks or objects on version
/// k, the author proposes an answer ("I can…", "how about…", "let's…"), others agree or object, the changelog of
/// version k+1 records it, and the patches of version k+1 add what was proposed. Nothing here is written for one
/// series: the signals are sentence roles, identifiers shared between review text, changelog and diff lines, and
/// people. Precision comes first: a proposal nobody asked for, or a changelog item no review explains, is no decision.
/// </summary>
public static partial class DecisionFinder
{
    public const double ShownConfidence = 0.5;

    static readonly Dictionary<string, double> Weights = new(StringComparer.Ordinal)
    {
        ["question"] = 0.15,
        ["proposal"] = 0.2,
        ["agreement"] = 0.15,
        ["changelog"] = 0.15,
        ["changelog-names-reviewer"] = 0.1,
        ["implementation"] = 0.25,
        ["anchor-removed"] = 0.1,
        ["revisits-earlier-version"] = 0.05,
    };

    public static IReadOnlyList<Decision> Find(Person author, IReadOnlyList<DecisionVersion> versions, ReviewThread review)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(review);
        var decisions = new List<Decision>();
        var read = new SentenceReader();
        for (var i = 0; i < versions.Count; i++)
        {
            var version = versions[i];
            var earlier = versions.Take(i).SelectMany(v => v.Patches.Select(p => p.MessageId)).ToHashSet(StringComparer.Ordinal);
            var next = i + 1 < versions.Count ? versions[i + 1] : null;
            var reviewed = version.Patches.Select(p => p.MessageId).Prepend(version.CoverMessageId).OfType<string>().Where(review.Contains);
            foreach (var messageId in reviewed)
            {
                foreach (var comment in review.CommentsOn(messageId).Where(c => c.RepliesTo is null && !ReviewThread.SamePerson(c.Author, author)))
                {
                    if (FromQuestion(comment, author, version, next, review, messageId, earlier, read) is { } decision)
                    {
                        decisions.Add(decision);
                    }
                }
            }
        }
        // A reviewer's message with several comments reaches the same proposal from each; the proposal answers one.
        // One changelog item records one decision: two threads that reach it are the same decision seen twice.
        var distinct = decisions.GroupBy(d => (d.Steps.First(x => x.Role == StepRole.Proposal).MessageId, d.Steps.First(x => x.Role == StepRole.Proposal).Quote))
            .Select(g => g.OrderByDescending(d => d.Confidence).First()).ToList();
        return [.. distinct.GroupBy(d => d.Steps.FirstOrDefault(x => x.Role == StepRole.Changelog) is { } c ? c.MessageId + "\n" + c.Quote : d.Steps.First(x => x.Role == StepRole.Proposal).MessageId + "\n" + d.Steps.First(x => x.Role == StepRole.Proposal).Quote)
            .Select(g => g.OrderByDescending(d => d.Confidence).First())];
    }

    /// <summary>
    /// Whether the author's reply answers the question: it quotes a line of the reviewer's comment or of their
    /// follow-up. A proposal made elsewhere in the thread, about something else, is not this question's answer.
    /// </summary>
    static bool Answers(ReviewThread review, string replyMessageId, List<DecisionStep> asked)
    {
        var lines = AnswerKeys(asked.SelectMany(step => Prose.Sentences(step.Quote)));
        return QuotedKeys(review, replyMessageId).Any(quoted => Contains(quoted, lines));
    }

    /// <summary>The keys of texts long enough to be someone's own words (<see cref="AnswerKeyLength"/>).</summary>
    static List<string> AnswerKeys(IEnumerable<string> texts) => [.. texts.Select(QuoteAttributor.Key).Where(k => k.Length >= AnswerKeyLength)];

    /// <summary>The keys of a reply's quoted text blocks, in order.</summary>
    static IEnumerable<string> QuotedKeys(ReviewThread review, string replyMessageId) =>
        review.Quotes(replyMessageId).Where(b => b.Block is { Depth: > 0, Kind: ReplyBlockKind.Text }).Select(b => QuoteAttributor.Key(b.Block.Text));

    static bool Contains(string quoted, List<string> keys) => keys.Any(key => quoted.Contains(key, StringComparison.Ordinal));

    /// <summary>
    /// What a reply says under its quotes of the comment (any line of it, or of the reviewer's later questions), up to
    /// its next quote of another comment of the same mail. One reply often answers several comments of one mail, each
    /// under its own quote: in zPCI v2 19/30, Matthew Rosato answers "aisb here is the aisb offset right?" with "Yes",
    /// and "Don't we need to check the return value?" with the proposal to check what kvm_s390_gisc_register()
    /// returns. A proposal answers the comment it sits under. Quotes of other mail between (the patch's lines, the
    /// exchange since, as in Niklas Schnelle's third answer to Bjorn Helgaas on "PCI: Clean up pci_scan_slot()")
    /// leave the answer where it was.
    /// </summary>
    static string AnswerTo(ReviewThread review, string replyMessageId, ReviewComment comment, List<DecisionStep> asked)
    {
        var lines = AnswerKeys(comment.Text.Split('\n').Concat(asked.SelectMany(step => Prose.Sentences(step.Quote))));
        var answer = new List<string>();
        var topPosted = new List<string>();
        var (under, quotedYet, quotesComment) = (false, false, false);
        foreach (var block in review.Quotes(replyMessageId))
        {
            if (block.Block is { Depth: > 0, Kind: ReplyBlockKind.Text } quote)
            {
                var ofComment = Contains(QuoteAttributor.Key(quote.Text), lines);
                under = ofComment || (under && block.SourceMessageId != comment.MessageId);
                quotesComment |= ofComment;
                quotedYet = true;
            }
            else if (block.Block is { Depth: 0, Kind: ReplyBlockKind.Text } own && (under || !quotedYet))
            {
                (under ? answer : topPosted).Add(own.Text);
            }
        }
        // A top-posted answer sits above the whole quote: it answers the comment when nothing below does.
        return string.Join("\n\n", answer.Count > 0 || !quotesComment ? answer : topPosted);
    }

    /// <summary>The sentences a reply quotes, of those given.</summary>
    static List<string> QuotedBy(ReviewThread review, string replyMessageId, List<string> sentences)
    {
        var quoted = QuotedKeys(review, replyMessageId).ToList();
        return [.. sentences.Where(s => QuoteAttributor.Key(s) is { Length: >= AnswerKeyLength } key && quoted.Any(q => q.Contains(key, StringComparison.Ordinal)))];
    }

    /// <summary>Words a changelog item must share with a proposal to say the same thing without a shared name.</summary>
    const int ParaphraseWords = 2;

    /// <summary>A sentence this long, white space ignored, is the reviewer's own words and not a phrase anyone writes.</summary>
    const int AnswerKeyLength = 12;

    /// <summary>
    /// The sentences of a text, and the role of a sentence, each read once: every comment on a patch is followed
    /// through the replies below it, so the replies to a much-reviewed patch were read again for each of its comments.
    /// A role takes a handful of regular expressions and most sentences of a reply never need one.
    /// </summary>
    sealed class SentenceReader
    {
        readonly Dictionary<string, IReadOnlyList<string>> _sentences = new(StringComparer.Ordinal);
        readonly Dictionary<string, SentenceRole> _roles = new(StringComparer.Ordinal);

        public IReadOnlyList<string> Sentences(string text)
        {
            if (!_sentences.TryGetValue(text, out var sentences))
            {
                _sentences[text] = sentences = DecisionText.Sentences(text);
            }
            return sentences;
        }

        public SentenceRole RoleOf(string sentence)
        {
            if (!_roles.TryGetValue(sentence, out var role))
            {
                _roles[sentence] = role = DecisionText.RoleOf(sentence);
            }
            return role;
        }
    }

    /// <summary>A reviewer's question or objection, the author's proposal below it, and what followed.</summary>
    static Decision? FromQuestion(ReviewComment comment, Person author, DecisionVersion version, DecisionVersion? next,
        ReviewThread review, string patchMessageId, IReadOnlySet<string> earlierPatches, SentenceReader read)
    {
        var asked = read.Sentences(comment.Text).Where(s => read.RoleOf(s) is SentenceRole.Question or SentenceRole.Objection).ToList();
        if (asked.Count == 0)
        {
            return null;
        }
        var steps = new List<DecisionStep> { new(StepRole.Question, comment.MessageId, comment.Author, version.Version, string.Join(' ', asked)) };
        var signals = new List<string> { "question" };

        DecisionStep? proposal = null;
        var proposalIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (mail, text) in review.RepliesBelow(comment.MessageId))
        {
            var byAuthor = ReviewThread.SamePerson(mail.Sender, author);
            var sentences = read.Sentences(text);
            var answer = proposal is null && byAuthor ? read.Sentences(AnswerTo(review, mail.MessageId, comment, steps)) : [];
            if (proposal is null)
            {
                // An author who argues back ("the reason I'm using CONFIG_PCI…") has not proposed anything yet, even
                // if the reply says "we can" somewhere; the thread is followed on for a later "OK, I will…".
                // Of several proposals the author's own commitment wins over a suggestion: "How about just 'gisa'…",
                // then "As long as nobody objects I will s/gd/gisa/ here and in struct clp_req_set_pci".
                if (answer.Count > 0 && !answer.Any(s => read.RoleOf(s) == SentenceRole.Objection)
                    && answer.Where(s => read.RoleOf(s) == SentenceRole.Proposal && DecisionText.Identifiers(s).Count > 0)
                        .OrderByDescending(s => Commitment().IsMatch(s)).FirstOrDefault() is { } proposed)
                {
                    proposal = new DecisionStep(StepRole.Proposal, mail.MessageId, mail.Sender, version.Version, proposed);
                    proposalIds.UnionWith(DecisionText.Identifiers(proposed));
                    steps.Add(proposal);
                }
                else if (ReviewThread.SamePerson(mail.Sender, comment.Author) && sentences.Where(s => read.RoleOf(s) == SentenceRole.Question).ToList() is { Count: > 0 } pressed)
                {
                    // The reviewer pressing the point before anything was proposed.
                    steps.Add(new DecisionStep(StepRole.Question, mail.MessageId, mail.Sender, version.Version, string.Join(' ', pressed)));
                }
            }
            else if (!byAuthor && Answers(review, mail.MessageId, [proposal!])
                && sentences.FirstOrDefault(s => read.RoleOf(s) is SentenceRole.Agreement or SentenceRole.Objection) is { } verdict)
            {
                steps.Add(new DecisionStep(read.RoleOf(verdict) == SentenceRole.Agreement ? StepRole.Agreement : StepRole.Objection,
                    mail.MessageId, mail.Sender, version.Version, verdict));
            }
        }
        if (proposal is null)
        {
            return null;
        }
        // A comment often asks several things; the question is the one the proposal's mail quotes ("Don't we need
        // to check the return value?", not the "aisb here is the aisb offset right?" above it).
        var answered = QuotedBy(review, proposal.MessageId, asked);
        if (answered.Count > 0 && answered.Count < asked.Count)
        {
            steps[0] = steps[0] with { Quote = string.Join(' ', answered) };
        }
        signals.Add("proposal");
        var agreed = steps.Any(s => s.Role == StepRole.Agreement);
        var objected = steps.Any(s => s.Role == StepRole.Objection);
        if (agreed)
        {
            signals.Add("agreement");
        }

        // What the discussion is about: the proposal's identifiers, and those of the quoted lines and the question
        // that the later review text names again ("symbol_get" in the quote, in "the symbol_get/put here").
        var discussed = string.Join('\n', steps.Select(s => s.Quote));
        var questioned = DecisionText.Identifiers(comment.Anchor.AnchorText + "\n" + string.Join('\n', asked) + "\n" + QuotedAbove(review, comment))
            .Where(id => discussed.Contains(id, StringComparison.Ordinal) || next?.Changelog.Any(c => c.Text.Contains(id, StringComparison.Ordinal)) == true)
            .ToHashSet(StringComparer.Ordinal);

        var status = agreed && !objected ? DecisionStatus.Agreed : DecisionStatus.Proposed;
        string? added = null;
        string? removed = null;
        string? removedByProposal = null;
        if (next is not null)
        {
            var proposalWords = DecisionText.ContentWords(proposal.Quote);
            var item = next.Changelog
                .Select(c => (Item: c, Shared: DecisionText.Identifiers(c.Text).Count(id => proposalIds.Contains(id) || questioned.Contains(id)),
                    Names: NamesReviewer(c, comment.Author)))
                // An item that credits the reviewer and says what the proposal said in other words records it too:
                // "so I will lowercase it … all const ints in the codebase are lowercase" is "Lower case const ints
                // (Thanks Janosch)" in the next version of 2022q2's s390x migration tests.
                .Select(c => (c.Item, c.Shared, c.Names,
                    Paraphrase: c.Names && DecisionText.ContentWords(c.Item.Text).Count(proposalWords.Contains) >= ParaphraseWords))
                // "Remove CONFIG_VFIO_PCI_ZDEV" in v4's changelog names the option a v3 proposal would rename, and says
                // the opposite: an item that removes does not record a proposal that keeps. The other way round is
                // fine: "get rid of that new condition" is recorded as "Keep the !dev check in next_fn()".
                .Where(c => (c.Shared > 0 || c.Paraphrase) && !(RemovalProposal().IsMatch(c.Item.Text) && !RemovalProposal().IsMatch(proposal.Quote)))
                // A shared name says more than the reviewer's name and words in common.
                .OrderByDescending(c => 3 * c.Shared + (c.Names ? 1 : 0) + (c.Paraphrase ? 1 : 0))
                .FirstOrDefault();
            if (item.Item is { } changelog)
            {
                steps.Add(new DecisionStep(StepRole.Changelog, changelog.SourceMessageId, author, next.Version, changelog.Text));
                signals.Add("changelog");
                if (item.Names)
                {
                    signals.Add("changelog-names-reviewer");
                }
            }
            // The questioned patch's successor: what the next version made of the lines the question was on.
            var successor = next.Patches.FirstOrDefault(p => p.PreviousBody is not null && PatchIsSuccessorOf(p, review, patchMessageId));
            // The line that carries out what was proposed: where the next version defines it ("+config VFIO_PCI_ZDEV_KVM"
            // in v7 10/22, not the later patches that only use it), else in the successor of the questioned patch, else
            // wherever it is first added. An identifier the whole series uses shows up in patches that have nothing
            // to do with the question: zPCI v2's answer on zpci_set_irq_ctrl is carried out in 07/30, not by the
            // "sclp.has_zpci_lsi" line of another patch.
            var before = version.Patches.SelectMany(p => DiffLines(p.Body)).Select(l => l.Text.Trim()).ToHashSet(StringComparer.Ordinal);
            var implementing = next.Patches.Select(p => (Patch: p, Found: FirstAddedLine(p, proposalIds, before, defining: true)))
                .Concat(successor is null ? [] : [(Patch: successor, Found: FirstAddedLine(successor, proposalIds, before, defining: false))])
                .Concat(next.Patches.Select(p => (Patch: p, Found: FirstAddedLine(p, proposalIds, before, defining: false))))
                .FirstOrDefault(c => c.Found.Line is not null);
            if (implementing.Found is (string line, var file, var number, var id))
            {
                steps.Add(new DecisionStep(StepRole.Implementation, implementing.Patch.MessageId, author, next.Version, line) { File = file, Line = number });
                added = id;
                signals.Add("implementation");
            }
            // "I'll drop the changes to clp_list_pci()": a proposal to remove is carried out by the lines that go.
            if (added is null && RemovalProposal().IsMatch(proposal.Quote))
            {
                var after = next.Patches.SelectMany(p => DiffLines(p.Body)).Select(l => l.Text).ToList();
                var gone = version.Patches.SelectMany(p => AddedLines(p.Body).Select(l => (l.Text, l.File, Patch: p)))
                    .FirstOrDefault(l => DecisionText.Identifiers(l.Text).FirstOrDefault(proposalIds.Contains) is { } id
                        && !after.Any(a => DecisionText.Identifiers(a).Contains(id)));
                if (gone.Text is not null)
                {
                    // Shown on the next version's patch that no longer has the line, else on the patch that had it.
                    var successorOfGone = next.Patches.FirstOrDefault(p => p.PreviousBody == gone.Patch.Body);
                    steps.Add(successorOfGone is null
                        ? new DecisionStep(StepRole.Implementation, gone.Patch.MessageId, author, version.Version, "-" + gone.Text) { File = gone.File }
                        : new DecisionStep(StepRole.Implementation, successorOfGone.MessageId, author, next.Version, "-" + gone.Text) { File = gone.File });
                    signals.Add("implementation");
                    removedByProposal = DecisionText.Identifiers(gone.Text).First(proposalIds.Contains);
                }
            }
            // The successor, when it no longer has what the question was about (symbol_get in v7 17/22).
            if (successor is not null)
            {
                var left = DecisionText.Identifiers(string.Join('\n', AddedLines(successor.Body).Select(l => l.Text)));
                removed = questioned.Where(id => !left.Contains(id) && id != added && id != removedByProposal)
                    .OrderBy(id => id.Length).ThenBy(id => id, StringComparer.Ordinal).FirstOrDefault();
                if (removed is not null && AddedLines(successor.PreviousBody!).FirstOrDefault(l => DecisionText.Identifiers(l.Text).Contains(removed)) is { Text: not null } gone)
                {
                    steps.Add(new DecisionStep(StepRole.Implementation, successor.MessageId, author, next.Version, "-" + gone.Text) { File = gone.File });
                    signals.Add("anchor-removed");
                }
            }
            status = added is not null || removedByProposal is not null || item.Item is not null ? DecisionStatus.Implemented
                : NotCarriedOut(comment, successor, version, next, proposalIds) ? DecisionStatus.Dropped
                : status;
        }

        var revisits = DecisionText.LoreLinks(review.BodyOf(proposal.MessageId) ?? "").FirstOrDefault(earlierPatches.Contains);
        if (revisits is not null)
        {
            signals.Add("revisits-earlier-version");
        }
        var confidence = Math.Min(1.0, signals.Sum(s => Weights[s]));
        // "Introduce X" only where the version defines X ("+config VFIO_PCI_ZDEV_KVM", "+#define X", "+int x(void)"),
        // not where it merely calls something the kernel always had (rcu_read_lock).
        var defines = added is not null && steps.FirstOrDefault(x => x.Role == StepRole.Implementation)?.Quote is { } introducing && Defines(introducing, added);
        var changelogText = steps.FirstOrDefault(x => x.Role == StepRole.Changelog)?.Quote;
        var title = added is not null && removed is not null ? $"Use {added} instead of {removed}"
            : defines ? $"Introduce {added}"
            : removedByProposal is not null ? RemovalTitle(proposal.Quote, removedByProposal)
            : changelogText is not null ? Headline(changelogText)
            : Headline(DecisionText.Imperative(proposal.Quote) ?? proposal.Quote);
        return new Decision(title, status, Math.Round(confidence, 2), signals, steps,
            [.. proposalIds.Concat(questioned).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], version.Version)
        {
            Revisits = revisits,
        };
    }

    /// <summary>
    /// Whether the next version shows that a proposal was not carried out: the lines the reviewer questioned stand in
    /// it as they were, or a name the proposal would bring in (<c>CONFIG_VFIO_PCI_ZDEV_KVM</c> in zPCI v3) is in
    /// neither version's code. A next version whose changelog credits the reviewer for something it does not say
    /// in the proposal's terms ("Lower case const ints (Thanks Janosch)", "remove VFIO_GROUP_NOTIFY_SET_KVM (Jason)")
    /// may well have done what was asked: the decision then keeps its status rather than be called dropped.
    /// </summary>
    static bool NotCarriedOut(ReviewComment comment, DecisionPatch? successor, DecisionVersion version, DecisionVersion next,
        IReadOnlySet<string> proposalIds)
    {
        if (next.Changelog.Any(item => NamesReviewer(item, comment.Author)))
        {
            return false;
        }
        if (successor is not null && comment.Anchor.Target != CommentTarget.General
            && CommentFollower.Follow(comment.Anchor, PatchLines.Of(successor.Body), sameCode: false) == CommentStatus.Unchanged)
        {
            return true;
        }
        var options = proposalIds.Where(id => id.StartsWith("CONFIG_", StringComparison.Ordinal)).ToList();
        if (options.Count == 0)
        {
            return false;
        }
        var code = version.Patches.Concat(next.Patches).SelectMany(p => DiffLines(p.Body))
            .SelectMany(line => DecisionText.Identifiers(line.Text)).ToHashSet(StringComparer.Ordinal);
        return options.Any(id => !code.Contains(id));
    }

    /// <summary>
    /// A title from a sentence: its first clause, without the credit in parentheses, capitalised ("check for errors
    /// on kvm_s390_gisc_register" in zPCI v4's changelog) unless it starts with a name, at most 90 characters.
    /// </summary>
    static string Headline(string text)
    {
        var first = DecisionText.Sentences(text).FirstOrDefault() ?? text;
        first = DecisionText.Capitalised(DecisionText.Renames(PatchPrefix().Replace(CreditSuffix().Replace(first, ""), "").TrimEnd('.', ' ')));
        if (first.Length <= HeadlineLength)
        {
            return first;
        }
        var cut = first.LastIndexOf(' ', HeadlineLength);
        return first[..(cut > 0 ? cut : HeadlineLength)] + "…";
    }

    const int HeadlineLength = 90;

    /// <summary>
    /// "Drop X" for a proposal to remove X; but "I'll drop the changes to clp_list_pci() and __clp_add" (zPCI v1)
    /// keeps clp_list_pci and gives up only what the patch did to it, and its title says so.
    /// </summary>
    static string RemovalTitle(string proposal, string removed) =>
        DecisionText.Imperative(proposal) is { } action && ChangesTo().IsMatch(action) ? Headline(action) : $"Drop {removed}";

    /// <summary>Whether an added line defines the identifier: a Kconfig option, a macro, or a function at the start of a line.</summary>
    static bool Defines(string addedLine, string identifier)
    {
        var line = addedLine.TrimStart('+');
        var name = identifier.StartsWith("CONFIG_", StringComparison.Ordinal) ? identifier["CONFIG_".Length..] : identifier;
        return line.StartsWith("config " + name, StringComparison.Ordinal) || line.StartsWith("menuconfig " + name, StringComparison.Ordinal)
            || line.StartsWith("#define " + name, StringComparison.Ordinal)
            || (line.Length > 0 && !char.IsWhiteSpace(line[0]) && line.Contains(" " + name + "(", StringComparison.Ordinal) && !line.TrimEnd().EndsWith(';'));
    }

    [GeneratedRegex(@"\s*\([A-Z][\w ,&.-]*\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex CreditSuffix();

    // "Patch 8 + some later patches: s/gd/gisa/", "Patch 25-27: remove get/set checks…": which patches, not what was done.
    [GeneratedRegex(@"^(?i:patch(?:es)?)\s+\d[^:]{0,40}:\s*", RegexOptions.CultureInvariant)]
    private static partial Regex PatchPrefix();

    [GeneratedRegex(@"\b(?:drop|remove|get\s+rid\s+of|delete)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RemovalProposal();

    [GeneratedRegex(@"\b(?:I['’]ll|I\s+will|we['’]ll|we\s+will|let['’]s|I\s+can)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Commitment();

    [GeneratedRegex(@"^(?:drop|remove|revert)\s+(?:the\s+|my\s+|these\s+|those\s+)?(?:changes?|modifications?|bits|parts|hunks?)\s+(?:to|in|of|for)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ChangesTo();

    /// <summary>The successor is the patch of the next version whose earlier body is the questioned patch's.</summary>
    static bool PatchIsSuccessorOf(DecisionPatch patch, ReviewThread review, string patchMessageId) =>
        review.BodyOf(patchMessageId) is { } body && body == patch.PreviousBody;

    /// <summary>The text of the quote the comment sits under: the lines the reviewer pointed at.</summary>
    static string QuotedAbove(ReviewThread review, ReviewComment comment)
    {
        var blocks = review.Quotes(comment.MessageId);
        var at = blocks.ToList().FindIndex(b => b.Block.Depth == 0 && b.Block.Text == comment.Text);
        for (var i = at - 1; i >= 0; i--)
        {
            if (blocks[i].Block is { Depth: > 0, Kind: ReplyBlockKind.Text } quote)
            {
                // A hunk header's function name ("@@ -120,7 +121,8 @@ static int zpci_refresh_trans(") is where the lines are, not what they do.
                return string.Join('\n', quote.Text.Split('\n').Where(l => !l.StartsWith("@@", StringComparison.Ordinal)));
            }
        }
        return "";
    }

    /// <summary>Whether a changelog item credits the reviewer, or names them by first name ("After discussions with Jason").</summary>
    static bool NamesReviewer(DecisionChangelogItem item, Person reviewer)
    {
        if (item.Credited.Any(p => ReviewThread.SamePerson(p, reviewer)))
        {
            return true;
        }
        var first = reviewer.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first is { Length: > 1 } && item.Text.Split([' ', ',', '.', '(', ')', ';', ':'], StringSplitOptions.RemoveEmptyEntries)
            .Contains(first, StringComparer.Ordinal);
    }

    /// <summary>
    /// The first line the patch adds, relative to its earlier version when it has one, that names one of the
    /// identifiers: where an option or function is introduced.
    /// </summary>
    /// <param name="before">Every diff line of the version before, trimmed: a line already there is not what the version changed.</param>
    /// <param name="defining">Only a line that defines the identifier (<see cref="Defines"/>).</param>
    static (string? Line, string? File, int? Number, string? Identifier) FirstAddedLine(DecisionPatch patch, IReadOnlySet<string> identifiers,
        IReadOnlySet<string> before, bool defining)
    {
        if (identifiers.Count == 0)
        {
            return default;
        }
        foreach (var (text, file, number) in AddedLines(patch.Body))
        {
            if (before.Contains(text.Trim()))
            {
                continue;
            }
            // A plain name ("gisa", from "s/gd/gisa/") is found as a word of the code: the code names it without underscores.
            var named = DecisionText.Identifiers(text).Concat(identifiers.Where(id => PlainName().IsMatch(id) && NamesWord(text, id)))
                .FirstOrDefault(id => identifiers.Contains(id) && (!defining || Defines("+" + text, id)));
            if (named is not null)
            {
                return ("+" + text, file, number, named);
            }
        }
        return default;
    }

    static bool NamesWord(string line, string name)
    {
        for (var at = line.IndexOf(name, StringComparison.Ordinal); at >= 0; at = line.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            var end = at + name.Length;
            if ((at == 0 || !IsNameChar(line[at - 1])) && (end == line.Length || !IsNameChar(line[end])))
            {
                return true;
            }
        }
        return false;

        static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
    }

    [GeneratedRegex(@"^[a-z][a-z0-9]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainName();

    static IEnumerable<(string Text, string File, int? Number)> AddedLines(string body) =>
        LinesOf(body).Where(l => l.Line.Kind == DiffLineKind.Added).Select(l => (l.Line.Text, l.File, l.Line.NewLine));

    /// <summary>The added and context lines of a patch: the code as the patch leaves it.</summary>
    static IEnumerable<(string Text, string File)> DiffLines(string body) =>
        LinesOf(body).Where(l => l.Line.Kind != DiffLineKind.Removed).Select(l => (l.Line.Text, l.File));

    static IEnumerable<(DiffLine Line, string File)> LinesOf(string body) =>
        GitDiff.Parse(body, PatchBody.Locate(body).Diff).Files.SelectMany(f => f.Hunks.SelectMany(h => h.Lines).Select(l => (l, f.Path)));
}
