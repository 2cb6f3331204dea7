using PatchReview.Core.Mail;
using PatchReview.Core.Patches;
using PatchReview.Core.Series;

namespace PatchReview.Core.Tests.Series;

/// <summary>
/// Hand-written <see cref="SeriesMail"/> records: the role, version, index and total come from the subject as the
/// importer reads it, the thread root from the parents given, and the date from a minute offset.
/// </summary>
internal static class SeriesMails
{
    public static readonly DateTimeOffset Start = new(2022, 4, 4, 9, 0, 0, TimeSpan.Zero);

    public static readonly Person Ann = new("Ann Author", "ann@example.org");
    public static readonly Person Rob = new("Rob Reviewer", "rob@example.org");

    /// <summary>A mail whose subject says what it is: <c>[PATCH v2 1/3] …</c>, <c>[PATCH v2 0/3] …</c> or <c>Re: …</c>.</summary>
    public static SeriesMail Message(string id, string subject, string? parent = null, double minute = 0, Person? from = null)
    {
        PatchSubject.TryParse(subject, out var parsed);
        var role = parsed is null || parsed.IsReply ? SeriesRole.Reply
            : parsed.IsPull ? parsed.Index > 0 ? SeriesRole.PullPatch : SeriesRole.Pull
            : parsed.Index == 0 ? SeriesRole.Cover
            : SeriesRole.Patch;
        return new SeriesMail(id, parent, id, from ?? Ann, Start.AddMinutes(minute), role, parsed?.Version ?? 1,
            parsed?.VersionText ?? "1", parsed?.Index, parsed?.Total, parsed?.IsRfc ?? false, parsed?.Title ?? subject,
            parsed?.NormalizedTitle ?? subject.ToLowerInvariant());
    }

    /// <summary>A cover letter the subject cannot tell: untagged, or a <c>[PATCH v2]</c> without <c>0/N</c>.</summary>
    public static SeriesMail Cover(string id, string title, string version, double minute = 0, Person? from = null) =>
        new(id, null, id, from ?? Ann, Start.AddMinutes(minute), SeriesRole.Cover, int.Parse(version.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture),
            version, null, null, false, title, title.ToLowerInvariant());

    /// <summary>The mails with their thread roots filled in from the parents, as threading would give them.</summary>
    public static List<SeriesMail> Threaded(params SeriesMail[] mails)
    {
        var byId = mails.ToDictionary(m => m.MessageId, StringComparer.Ordinal);
        return [.. mails.Select(m => m with { ThreadRootMessageId = Root(m, byId) })];
    }

    static string Root(SeriesMail mail, Dictionary<string, SeriesMail> byId)
    {
        var current = mail;
        while (current.ParentMessageId is { } parent)
        {
            if (!byId.TryGetValue(parent, out var next))
            {
                return parent;
            }
            current = next;
        }
        return current.MessageId;
    }
}
