using System.Globalization;
using PatchReview.Core.Diffs;
using PatchReview.Core.Mail;
using PatchReview.Core.Patches;

namespace PatchReview.Core.Series;

/// <summary>
/// What one message contributes to series analysis, derived once when it is stored: its role and subject tags, and
/// for a patch its author, commit message, notes, patch-id and a sketch of its diff; for every message the trailers
/// it gives and what it says about other versions.
/// </summary>
public sealed record MailFacts
{
    /// <summary>Cover, patch, pull or pull-carried patch; null for replies and other mail.</summary>
    public SeriesRole? Role { get; init; }
    public PatchSubject? Subject { get; init; }
    public string Title { get; init; } = "";
    public string NormalizedTitle { get; init; } = "";
    public int Version { get; init; } = 1;
    public string VersionText { get; init; } = "1";
    /// <summary>The author: the in-body <c>From:</c> of a patch sent for someone else, else the sender.</summary>
    public required Person Author { get; init; }
    public string? PatchId { get; init; }
    public IReadOnlyList<string> Files { get; init; } = [];
    public int LinesAdded { get; init; }
    public int LinesRemoved { get; init; }
    public IReadOnlyList<long> DiffSketch { get; init; } = [];
    /// <summary>
    /// The <see cref="Series.TextSketch"/> of a patch's commit message or a cover letter's text: what links a version
    /// renamed since the last. The text itself is not kept: an import holds the facts of a batch until it commits.
    /// </summary>
    public IReadOnlyList<long> TextSketch { get; init; } = [];
    public IReadOnlyList<Trailer> Trailers { get; init; } = [];
    public SeriesReferences References { get; init; } = SeriesReferences.None;

    /// <summary>
    /// A patch posted for a stable branch (<see cref="IsStableBackport"/>): a copy of an applied commit, never a version
    /// of a series under review.
    /// </summary>
    public bool IsBackport => Subject is { } subject && IsStableBackport(subject);

    /// <summary>Whether anything is worth storing beyond the message itself.</summary>
    public bool IsEmpty => Role is null && Trailers.Count == 0;

    public static MailFacts Of(ParsedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var kind = MessageClassifier.Classify(message);
        PatchSubject.TryParse(message.Subject, out var subject);
        var role = kind switch
        {
            MessageKind.Cover => SeriesRole.Cover,
            MessageKind.Patch => SeriesRole.Patch,
            // [GIT PULL 03/42]: one applied patch re-sent inside a pull request, with its diff.
            MessageKind.Pull when subject is { Index: > 0 } && MessageClassifier.HasOwnDiff(message.BodyText) => SeriesRole.PullPatch,
            MessageKind.Pull => SeriesRole.Pull,
            _ => (SeriesRole?)null,
        };
        if (role is null)
        {
            var trailers = TrailerParser.ParseReply(message.BodyText);
            return trailers.Count == 0 ? new MailFacts { Author = message.From } : new MailFacts { Author = message.From, Trailers = trailers };
        }

        var inBody = role is SeriesRole.Patch or SeriesRole.PullPatch ? InBodyHeaders.Parse(message.BodyText) : null;
        var body = inBody is null ? message.BodyText : message.BodyText[inBody.BodyOffset..];
        var (title, version, versionText) = subject is null ? Untagged(message.Subject)
            : (subject.Title, subject.Version, subject.VersionText ?? subject.Version.ToString(CultureInfo.InvariantCulture));
        var facts = new MailFacts
        {
            Role = role,
            Subject = subject,
            Title = title,
            NormalizedTitle = PatchSubject.Normalize(title),
            Version = version,
            VersionText = versionText,
            Author = inBody?.Author ?? message.From,
            References = SeriesReferences.Find(body),
        };
        if (role is SeriesRole.Cover or SeriesRole.Pull)
        {
            return facts with { TextSketch = Series.TextSketch.Of(body) };
        }

        var (commitMessage, diffRange) = PatchBody.Locate(body);
        var diff = GitDiff.Parse(body, diffRange);
        var stat = diff.Stat;
        return facts with
        {
            TextSketch = Series.TextSketch.Of(commitMessage),
            PatchId = Diffs.PatchId.Compute(body.AsSpan()[diffRange]),
            Files = [.. diff.TouchedPaths],
            LinesAdded = stat.Insertions,
            LinesRemoved = stat.Deletions,
            DiffSketch = Series.DiffSketch.Of(diff),
            Trailers = TrailerParser.ParsePatch(body),
        };
    }

    /// <summary>
    /// Whether the subject's tags mark a stable backport: <c>[PATCH AUTOSEL 5.17 032/149]</c> (Sasha Levin's
    /// auto-selection), <c>[PATCH 5.10 113/129]</c> (a stable review series) or <c>[PATCH for v5.15]</c>. The same commit
    /// goes to several branches under the same title and author within minutes, which would read as versions.
    /// </summary>
    public static bool IsStableBackport(PatchSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        foreach (var tag in subject.Tags)
        {
            if (tag.Equals("AUTOSEL", StringComparison.OrdinalIgnoreCase) || IsRelease(tag)
                || (tag.StartsWith("for ", StringComparison.OrdinalIgnoreCase) && IsRelease(tag.AsSpan(4).TrimStart("vV"))))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A kernel release or stable branch: <c>5.10</c>, <c>5.15.38</c>, <c>5.10.y</c>.</summary>
    static bool IsRelease(ReadOnlySpan<char> tag)
    {
        if (tag.EndsWith(".y", StringComparison.OrdinalIgnoreCase))
        {
            tag = tag[..^2];
        }
        var dot = tag.IndexOf('.');
        return dot > 0 && dot < tag.Length - 1 && tag.IndexOfAnyExcept("0123456789.") < 0 && !tag.Contains("..", StringComparison.Ordinal)
            && tag[^1] != '.';
    }

    /// <summary>
    /// A cover letter without any tag names its version at the end, if at all: "use block_device based APIs in block
    /// layer consumers v2" (Christoph Hellwig, April 2022).
    /// </summary>
    static (string Title, int Version, string VersionText) Untagged(string subject)
    {
        var title = subject.Trim();
        var space = title.LastIndexOf(' ');
        if (space > 0 && title.Length - space > 2 && title[space + 1] is 'v' or 'V'
            && int.TryParse(title.AsSpan(space + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0)
        {
            return (title[..space].TrimEnd(), version, version.ToString(CultureInfo.InvariantCulture));
        }
        return (title, 1, "1");
    }
}
