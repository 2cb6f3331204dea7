using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using MimeKit.Utils;
using PatchReview.Core.Diffs;
using PatchReview.Core.Mail;
using PatchReview.Core.Patches;
using PatchReview.Data.Import;

namespace PatchReview.Data.Queries;

/// <summary>One line of a hunk: <c>kind</c> is "+", "-" or " "; a removed line has no new line number, an added one no old.</summary>
public sealed record PatchLineRecord(string Kind, string Text, int? OldLine, int? NewLine);

public sealed record PatchHunkRecord(string Header, int OldStart, int OldLines, int NewStart, int NewLines, string Section,
    IReadOnlyList<PatchLineRecord> Lines);

/// <summary>What the patch does to one file; <c>status</c> is modified, added, deleted, renamed or copied.</summary>
public sealed record PatchFileRecord(string? OldPath, string? NewPath, string Status, int Added, int Removed, bool IsBinary,
    IReadOnlyList<PatchHunkRecord> Hunks);

/// <summary>
/// One patch mail read into its parts. <c>Previous</c> and <c>Next</c> are the Message-IDs of the neighbouring patches of
/// its version; <c>PreviousVersion</c> is the same logical patch in the version before. A patch re-sent inside a pull
/// request belongs to no version: its series fields are null.
/// </summary>
public sealed record PatchDetail(string MessageId, long? SeriesId, int Version, int? Index, int? Total, string Title, Person Author,
    DateTimeOffset? Date, string CommitMessage, string? Notes, string? PatchId, IReadOnlyList<PatchFileRecord> Files,
    IReadOnlyList<TrailerRecord> Trailers, string? Previous, string? Next, PreviousPatch? PreviousVersion);

/// <summary>The difference between two patches' diffs and commit messages, as a unified diff; empty when they are the same.</summary>
public sealed record PatchInterdiff(string Text, bool MessageChanged, bool CodeChanged);

/// <summary>
/// <see cref="PatchInterdiff"/> read into files and hunks, for a page to show like a patch: the commit message is the
/// file <c>COMMIT_MSG</c>, and each line is a line of the patches, so <c>+-foo</c> is a removal the newer one adds.
/// Line numbers count lines of the patches' parts, not of the source files.
/// </summary>
public sealed record PatchInterdiffFiles(bool MessageChanged, bool CodeChanged, IReadOnlyList<PatchFileRecord> Files);

/// <summary>
/// Patches read from their mail: the page of one patch, the interdiff of two, and mboxes for <c>git am</c>. The diff is
/// parsed when asked for, from the stored body; what the importer derived (series, trailers) is looked up.
/// </summary>
public sealed class PatchQueries(IDbContextFactory<PatchReviewDb> dbFactory)
{
    /// <summary>The trailers an mbox adds to a commit message when a reviewer gave them and they still hold.</summary>
    static readonly string[] CollectedTypes = ["Reviewed-by", "Acked-by", "Tested-by"];

    const string LoreLink = "https://lore.kernel.org/r/";

    /// <summary>A stored patch mail with what the importer derived of it; the version fields are null for a patch a pull request carries.</summary>
    sealed class StoredPatch
    {
        public long RowId { get; init; }
        public string Role { get; init; } = "";
        public string MessageId { get; init; } = "";
        public string BodyText { get; init; } = "";
        public DateTimeOffset? Date { get; init; }
        public string? DateHeader { get; init; }
        public string Title { get; init; } = "";
        public string AuthorName { get; init; } = "";
        public string AuthorEmail { get; init; } = "";
        public string VersionText { get; init; } = "";
        public int Version { get; init; }
        public int? Index { get; init; }
        public int? Total { get; init; }
        public string? PatchId { get; init; }
        public long? SeriesId { get; init; }
        public long? VersionId { get; init; }
        public int? DeclaredTotal { get; init; }
        public long? PreviousId { get; init; }
        public string? Change { get; init; }
    }

    /// <summary>The patch, or null when the Message-ID is unknown or its mail is no patch (a reply, a cover letter).</summary>
    public async Task<PatchDetail?> GetPatchAsync(string messageId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var patch = await Patches(db).Where(p => p.MessageId == messageId).SingleOrDefaultAsync(ct);
        if (patch is null)
        {
            return null;
        }

        var (_, parts, _) = Split(patch.BodyText);
        var diff = GitDiff.Parse(parts.Diff);
        var trailers = await TrailersAsync(db, [patch.RowId], ct);

        string? previous = null, next = null;
        if (patch.VersionId is { } versionId)
        {
            // served by ix_version_patches_version_id_index
            var siblings = await (
                from p in db.VersionPatches.AsNoTracking()
                where p.VersionId == versionId && p.MessageId != patch.RowId
                join m in db.Messages on p.MessageId equals m.Id
                orderby p.Index
                select new { p.Index, m.MessageId }).ToListAsync(ct);
            var index = patch.Index ?? 0;
            previous = siblings.LastOrDefault(s => s.Index < index)?.MessageId;
            next = siblings.FirstOrDefault(s => s.Index > index)?.MessageId;
        }

        PreviousPatch? previousVersion = null;
        if (patch.PreviousId is { } previousId)
        {
            previousVersion = await (
                from p in db.VersionPatches.AsNoTracking()
                where p.MessageId == previousId
                join v in db.SeriesVersions on p.VersionId equals v.Id
                join m in db.Messages on p.MessageId equals m.Id
                select new { v.Version, m.MessageId }).SingleOrDefaultAsync(ct) is { } found
                ? new PreviousPatch(found.Version, found.MessageId, patch.Change == "unchanged" ? "unchanged" : "modified")
                : null;
        }

        return new PatchDetail(patch.MessageId, patch.SeriesId, patch.Version, patch.Index, patch.Total ?? patch.DeclaredTotal, patch.Title,
            new Person(patch.AuthorName, patch.AuthorEmail), patch.Date, parts.CommitMessage, parts.Notes,
            patch.PatchId, [.. diff.Files.Select(ToRecord)], [.. trailers[patch.RowId].Select(t => t.Record)], previous, next, previousVersion);
    }

    /// <summary>Whether the Message-ID names a stored patch.</summary>
    public async Task<bool> IsPatchAsync(string messageId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Patches(db).AnyAsync(p => p.MessageId == messageId, ct);
    }

    /// <summary>
    /// How <paramref name="messageId"/> differs from <paramref name="againstMessageId"/>: lines the first adds to the
    /// comparison are <c>+</c>. Null when either is no stored patch.
    /// </summary>
    public async Task<PatchInterdiff?> GetInterdiffAsync(string messageId, string againstMessageId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // served by ix_messages_message_id
        var bodies = await Patches(db).Where(p => p.MessageId == messageId || p.MessageId == againstMessageId)
            .Select(p => new { p.MessageId, p.BodyText }).ToListAsync(ct);
        var newer = bodies.Find(b => b.MessageId == messageId);
        var older = bodies.Find(b => b.MessageId == againstMessageId);
        if (newer is null || older is null)
        {
            return null;
        }
        var result = Interdiff.Compute(Split(older.BodyText).Parts, Split(newer.BodyText).Parts);
        return new PatchInterdiff(result.Text, result.MessageChanged, result.CodeChanged);
    }

    /// <summary><see cref="GetInterdiffAsync"/> read into files and hunks; null when either is no stored patch.</summary>
    public async Task<PatchInterdiffFiles?> GetInterdiffFilesAsync(string messageId, string againstMessageId, CancellationToken ct)
        => await GetInterdiffAsync(messageId, againstMessageId, ct) is { } interdiff
            ? new PatchInterdiffFiles(interdiff.MessageChanged, interdiff.CodeChanged, [.. GitDiff.Parse(interdiff.Text).Files.Select(ToRecord)])
            : null;

    /// <summary>The patch as an mbox of one message for <c>git am</c>; null when the Message-ID is no stored patch.</summary>
    public async Task<byte[]?> GetPatchMboxAsync(string messageId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var patch = await Patches(db).Where(p => p.MessageId == messageId).SingleOrDefaultAsync(ct);
        return patch is null ? null : await MboxAsync(db, [patch], ct);
    }

    /// <summary>
    /// Every patch of a version, by index, as an mbox for <c>git am</c>; the cover letter is left out, as it carries no
    /// change. When the version number was posted more than once (a RESEND), the latest posting. Null when there is no such version.
    /// </summary>
    public async Task<byte[]?> GetVersionMboxAsync(long seriesId, int version, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // served by ix_series_versions_series_id
        var versionId = await db.SeriesVersions.AsNoTracking().Where(v => v.SeriesId == seriesId && v.Version == version)
            .OrderByDescending(v => v.Date).Select(v => (long?)v.Id).FirstOrDefaultAsync(ct);
        if (versionId is null)
        {
            return null;
        }
        // served by ix_version_patches_version_id_index
        var patches = await Patches(db).Where(p => p.VersionId == versionId).OrderBy(p => p.Index).ToListAsync(ct);
        return await MboxAsync(db, patches, ct);
    }

    // Member initialisation, not a constructor, so that EF can still filter and sort on the projection.
    static IQueryable<StoredPatch> Patches(PatchReviewDb db) =>
        from m in db.Messages.AsNoTracking()
        where !m.IsGhost
        join a in db.MailAnalysis on m.Id equals a.MessageId
        where a.Role == MailRoles.Patch || a.Role == MailRoles.PullPatch
        from p in db.VersionPatches.Where(p => p.MessageId == m.Id).DefaultIfEmpty()
        from v in db.SeriesVersions.Where(v => v.Id == p!.VersionId).DefaultIfEmpty()
        select new StoredPatch
        {
            RowId = m.Id,
            Role = a.Role,
            MessageId = m.MessageId,
            BodyText = m.BodyText,
            Date = m.Date,
            DateHeader = m.DateHeader,
            Title = a.Title,
            AuthorName = a.AuthorName,
            AuthorEmail = a.AuthorEmail,
            VersionText = a.VersionText,
            Version = v == null ? a.Version : v.Version,
            Index = p == null ? a.Index : p.Index,
            Total = a.Total,
            PatchId = a.PatchId,
            SeriesId = p == null ? null : p.SeriesId,
            VersionId = p == null ? null : p.VersionId,
            DeclaredTotal = v == null ? null : v.DeclaredTotal,
            PreviousId = p == null ? null : p.PreviousId,
            Change = p == null ? null : p.Change,
        };

    /// <summary>A trailer of a patch and when the message that gives it was sent.</summary>
    sealed record GivenTrailer(TrailerRecord Record, DateTimeOffset? Given);

    static async Task<ILookup<long, GivenTrailer>> TrailersAsync(PatchReviewDb db, List<long> patchRows, CancellationToken ct)
    {
        // served by ix_patch_trailers_patch_id
        var trailers = await (
            from t in db.PatchTrailers.AsNoTracking()
            where patchRows.Contains(t.PatchId)
            join source in db.Messages on t.SourceId equals source.Id
            orderby t.Id
            select new
            {
                t.PatchId,
                Record = new TrailerRecord(t.Type, t.Name, t.Email, t.Origin, source.MessageId, t.FromVersion, t.SenderMatches, t.Stale),
                source.Date,
            })
            .ToListAsync(ct);
        return trailers.ToLookup(t => t.PatchId, t => new GivenTrailer(t.Record, t.Date));
    }

    /// <summary>The body as git am reads it: in-body headers (a patch sent for its author), then message, notes and diff.</summary>
    static (InBodyHeaders? InBody, PatchBody Parts, string Text) Split(string body)
    {
        var inBody = InBodyHeaders.Parse(body);
        var text = inBody is null ? body : body[inBody.BodyOffset..];
        return (inBody, PatchBody.Split(text), text);
    }

    static PatchFileRecord ToRecord(FileDiff file) => new(file.OldPath, file.NewPath, file.Status switch
    {
        FileStatus.Added => "added",
        FileStatus.Deleted => "deleted",
        FileStatus.Renamed => "renamed",
        FileStatus.Copied => "copied",
        _ => "modified",
    }, file.Added, file.Removed, file.IsBinary, [.. file.Hunks.Select(hunk => new PatchHunkRecord(hunk.Header, hunk.OldStart, hunk.OldLines,
        hunk.NewStart, hunk.NewLines, hunk.Section, [.. hunk.Lines.Select(line => new PatchLineRecord(line.Kind switch
        {
            DiffLineKind.Added => "+",
            DiffLineKind.Removed => "-",
            _ => " ",
        }, line.Text, line.OldLine, line.NewLine))]))]);

    static async Task<byte[]> MboxAsync(PatchReviewDb db, List<StoredPatch> patches, CancellationToken ct)
    {
        var trailers = await TrailersAsync(db, [.. patches.Select(p => p.RowId)], ct);
        var mbox = new StringBuilder();
        foreach (var patch in patches)
        {
            AppendMessage(mbox, patch, trailers[patch.RowId]);
        }
        return Encoding.UTF8.GetBytes(mbox.ToString());
    }

    /// <summary>
    /// One message of an mboxrd file, shaped like git format-patch output so that git am takes the author, date and
    /// subject from its headers and the commit message from its body.
    /// </summary>
    static void AppendMessage(StringBuilder mbox, StoredPatch patch, IEnumerable<GivenTrailer> trailers)
    {
        var (inBody, parts, text) = Split(patch.BodyText);
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Unix;
        var author = new Person(patch.AuthorName, patch.AuthorEmail);
        var date = inBody?.DateText ?? patch.DateHeader ?? (patch.Date is { } utc ? DateUtils.FormatDate(utc) : null);

        // public-inbox writes this separator line for every message of its mboxrd files.
        mbox.Append("From mboxrd@z Thu Jan  1 00:00:00 1970\n");
        mbox.Append("From: ").Append(new MailboxAddress(author.Name, author.Email).ToString(options, encode: true)).Append('\n');
        if (date is not null)
        {
            mbox.Append("Date: ").Append(date).Append('\n');
        }
        mbox.Append("Subject: ").Append(HeaderText(options, Subject(patch, inBody?.Subject))).Append('\n');
        mbox.Append("Message-ID: <").Append(patch.MessageId).Append(">\n");
        mbox.Append("MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n");

        var body = new StringBuilder(text.Length + 256);
        var (messageStart, messageEnd) = CommitMessageSpan(text, parts);
        body.Append(text, 0, messageStart);
        body.Append(parts.CommitMessage);
        var own = TrailerParser.ParsePatch(parts.CommitMessage);
        var added = Collected(own, trailers).ToList();
        var link = LoreLink + LinkPath(patch.MessageId);
        // A patch re-sent in a pull request was applied already, and its Link: names the posting it was applied from.
        if (patch.Role != MailRoles.PullPatch && !own.Any(t => t.Type == "Link" && t.Value == link))
        {
            added.Add("Link: " + link);
        }
        if (added.Count > 0)
        {
            // A message that ends in no trailer block gets one of its own, after a blank line; an empty one is only trailers.
            body.Append(parts.CommitMessage.Length == 0 ? "" : own.Count > 0 ? "\n" : "\n\n");
            body.AppendJoin('\n', added);
            if (parts.CommitMessage.Length == 0)
            {
                body.Append('\n');
            }
        }
        body.Append(text, messageEnd, text.Length - messageEnd);
        if (body.Length == 0 || body[^1] != '\n')
        {
            body.Append('\n');
        }
        AppendEscaped(mbox, body.ToString());
        mbox.Append('\n');
    }

    /// <summary>
    /// Where the commit message lies in the body text: PatchBody trims it, and what follows it (the <c>---</c>
    /// line, notes, diff, signature) is copied unchanged.
    /// </summary>
    static (int Start, int End) CommitMessageSpan(string text, PatchBody parts)
    {
        var from = 0;
        if (parts.InBodyHeaders is { } headers && text.IndexOf(headers, StringComparison.Ordinal) is >= 0 and var at)
        {
            from = at + headers.Length;
        }
        var start = parts.CommitMessage.Length == 0 ? from : text.IndexOf(parts.CommitMessage, from, StringComparison.Ordinal);
        return start < 0 ? (from, from) : (start, start + parts.CommitMessage.Length);
    }

    /// <summary>
    /// Reviews, acks and tests given by the person they name, in a reply or carried from a version whose patch is
    /// unchanged since, that the commit message does not have yet; each once, in the order they were given.
    /// </summary>
    static IEnumerable<string> Collected(IReadOnlyList<Trailer> own, IEnumerable<GivenTrailer> trailers)
    {
        var seen = own.Select(t => Key(t.Type, t.Email, t.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var trailer in trailers.OrderBy(t => t.Given ?? DateTimeOffset.MaxValue).Select(t => t.Record))
        {
            if (trailer.Origin == "patch" || trailer.Stale || !trailer.SenderMatches || !CollectedTypes.Contains(trailer.Type)
                || !seen.Add(Key(trailer.Type, trailer.Email, trailer.Name)))
            {
                continue;
            }
            var person = trailer.Email.Length == 0 ? trailer.Name
                : trailer.Name.Length == 0 ? $"<{trailer.Email}>"
                : $"{trailer.Name} <{trailer.Email}>";
            yield return $"{trailer.Type}: {person}";
        }
    }

    static string Key(string type, string? email, string? name) => type + " " + (string.IsNullOrEmpty(email) ? name : email);

    /// <summary><c>[PATCH v9 05/21] title</c>: the index padded to the width of the total, as git format-patch numbers them.</summary>
    static string Subject(StoredPatch patch, string? inBodySubject)
    {
        var subject = new StringBuilder("[PATCH v").Append(patch.VersionText);
        var total = patch.Total ?? patch.DeclaredTotal;
        if (patch.Index is { } index && total is { } count)
        {
            var width = count.ToString(CultureInfo.InvariantCulture).Length;
            subject.Append(' ').Append(index.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')).Append('/').Append(count.ToString(CultureInfo.InvariantCulture));
        }
        return subject.Append("] ").Append(inBodySubject ?? patch.Title).ToString();
    }

    static string HeaderText(FormatOptions options, string text)
        => Ascii.IsValid(text) ? text : Encoding.ASCII.GetString(Rfc2047.EncodeText(options, Encoding.UTF8, text));

    /// <summary>The Message-ID as one path segment: characters a path segment may not hold (RFC 3986 pchar) percent-encoded.</summary>
    static string LinkPath(string messageId)
    {
        var path = new StringBuilder(messageId.Length);
        foreach (var b in Encoding.UTF8.GetBytes(messageId))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || "-._~!$&'()*+,;=:@".Contains((char)b, StringComparison.Ordinal))
            {
                path.Append((char)b);
            }
            else
            {
                path.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return path.ToString();
    }

    /// <summary>mboxrd: a body line that starts with any number of '>' and "From " gets one more '>', which git am --patch-format=mboxrd removes.</summary>
    static void AppendEscaped(StringBuilder mbox, string body)
    {
        foreach (var range in body.AsSpan().Split('\n'))
        {
            var line = body.AsSpan(range);
            if (line.TrimStart('>').StartsWith("From ", StringComparison.Ordinal))
            {
                mbox.Append('>');
            }
            mbox.Append(line).Append('\n');
        }
        // Split yields an empty last range after the final line feed; it added one line feed too many.
        mbox.Length--;
    }
}
