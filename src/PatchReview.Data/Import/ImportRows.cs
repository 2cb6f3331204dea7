using System.Text;
using PatchReview.Core.Mail;

namespace PatchReview.Data.Import;

/// <summary>A row of <c>messages</c> as the importer writes it.</summary>
sealed class MessageRow
{
    public long Id { get; private set; }
    public required string MessageId { get; init; }
    public bool IsGhost { get; init; }
    public bool MessageIdGenerated { get; init; }
    public string Subject { get; init; } = "";
    public string FromName { get; init; } = "";
    public string FromEmail { get; init; } = "";
    public string[] To { get; init; } = [];
    public string[] Cc { get; init; } = [];
    public DateTimeOffset? Date { get; init; }
    public string? DateHeader { get; init; }
    public string[] Lists { get; set; } = [];
    /// <summary>The decoded body as UTF-8, which is how the database stores text.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The body as a string, for a store that binds text that way.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);
    public bool IsFlowed { get; init; }
    public bool DelSp { get; init; }
    public byte[]? ContentHash { get; init; }
    public long? ParentId { get; set; }
    public long ThreadId { get; set; }
    public long? ImportId { get; init; }
    public string? Source { get; init; }
    public long? SourceOffset { get; init; }
    public string? BlobId { get; init; }
    public int Size { get; init; }

    public static MessageRow Ghost(long id, string messageId) => new() { Id = id, MessageId = messageId, IsGhost = true, ThreadId = id };

    /// <summary>The row of a received message, its body packed already; its id is given as its batch is saved (<see cref="Place"/>).</summary>
    public static MessageRow Received(long importId, MailEnvelope envelope, ParsedMessage parsed, ReadOnlyMemory<byte> body) => new()
    {
        MessageId = parsed.MessageId,
        MessageIdGenerated = parsed.MessageIdGenerated,
        Subject = parsed.Subject,
        FromName = parsed.From.Name,
        FromEmail = parsed.From.Email,
        To = [.. parsed.To.Select(Format)],
        Cc = [.. parsed.Cc.Select(Format)],
        Date = parsed.Date,
        DateHeader = parsed.DateHeader,
        Lists = parsed.ListId is { } list ? [list] : [],
        Body = body,
        IsFlowed = parsed.IsFlowed,
        DelSp = parsed.DelSp,
        ContentHash = parsed.ContentHash,
        ImportId = importId,
        Source = envelope.Source,
        SourceOffset = envelope.Offset,
        BlobId = envelope.BlobId,
        Size = envelope.Raw.Length,
    };

    /// <summary>Gives the row its id; until threaded, it is a thread of its own.</summary>
    public void Place(long id) => (Id, ThreadId) = (id, id);

    static string Format(Person person) => person.Name.Length == 0 ? person.Email : $"{person.Name} <{person.Email}>";
}

/// <summary>A changed position of an existing row in the thread forest.</summary>
readonly record struct LinkUpdate(long Id, long? ParentId, long ThreadId);

/// <summary>A row of <c>threads</c>: the summary of one thread.</summary>
sealed record ThreadRow(long Id, string Subject, string FromName, string FromEmail, DateTimeOffset? Date,
    DateTimeOffset? LastActivity, int MessageCount, string[] Lists);

/// <summary>A row of <c>mail_analysis</c>: what a patch, cover letter or pull request says of itself.</summary>
sealed record AnalysisRow(long Id, string Role, int Version, string VersionText, int? Index, int? Total, bool IsRfc, bool IsResend, bool IsBackport, string Title,
    string NormalizedTitle, string AuthorName, string AuthorEmail, string? PatchId, string[] Files,
    long[] DiffSketch, long[] TextSketch, int LinesAdded, int LinesRemoved, string[] MentionedIds, string[] LabelledIds, string[] SupersedesIds, string[] ChangeIds)
{
    public static AnalysisRow From(long id, Core.Series.MailFacts facts)
    {
        var subject = facts.Subject;
        var role = facts.Role switch
        {
            Core.Series.SeriesRole.Cover => MailRoles.Cover,
            Core.Series.SeriesRole.Pull => MailRoles.Pull,
            Core.Series.SeriesRole.PullPatch => MailRoles.PullPatch,
            _ => MailRoles.Patch,
        };
        return new AnalysisRow(id, role, facts.Version, facts.VersionText, subject?.Index, subject?.Total, subject?.IsRfc ?? false,
            subject?.IsResend ?? false, facts.IsBackport, facts.Title, facts.NormalizedTitle, facts.Author.Name, facts.Author.Email,
            facts.PatchId, [.. facts.Files], [.. facts.DiffSketch], [.. facts.TextSketch], facts.LinesAdded, facts.LinesRemoved, [.. facts.References.LinkedIds],
            [.. facts.References.LabelledIds], [.. facts.References.SupersedesIds], [.. facts.References.ChangeIds]);
    }
}
