using System.Text.RegularExpressions;

namespace PatchReview.Core.Series;

/// <summary>
/// What a cover letter or a patch's notes say about other versions: links to earlier mail
/// (<c>v3: https://lore.kernel.org/r/20220404174349.58530-1-mjrosato@linux.ibm.com/</c>), <c>Supersedes:</c> lines,
/// and b4's <c>change-id:</c> / <c>prerequisite-change-id:</c> lines.
/// </summary>
/// <param name="LinkedIds">Message-IDs the text links to.</param>
/// <param name="LabelledIds">Those of them on a line, or under a line, that speaks of a version: <c>v3: https://…</c>,
/// <c>Changes in V1:</c> above the link, "an earlier version[0]".</param>
public sealed partial record SeriesReferences(IReadOnlyList<string> LinkedIds, IReadOnlyList<string> LabelledIds,
    IReadOnlyList<string> SupersedesIds, IReadOnlyList<string> ChangeIds)
{
    public static readonly SeriesReferences None = new([], [], [], []);

    /// <summary>The references in unquoted lines of <paramref name="text"/>; quoted lines are someone else's.</summary>
    public static SeriesReferences Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<string>? linked = null, labelled = null, supersedes = null, changeIds = null;
        var previousLabelled = false;
        // "In an earlier version[0], I sought …" with "[0] https://lore.kernel.org/…" further down.
        HashSet<string>? labelledNotes = null;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.IsEmpty || line[0] == '>')
            {
                previousLabelled = false;
                continue;
            }
            var isLabelled = VersionLabel().IsMatch(line);
            if (isLabelled)
            {
                foreach (Match note in Footnote().Matches(line.ToString()))
                {
                    (labelledNotes ??= []).Add(note.Value);
                }
            }
            var noteLabelled = labelledNotes is not null && line.TrimStart().StartsWith('[')
                && Footnote().Match(line.TrimStart().ToString()) is { Success: true, Index: 0 } own && labelledNotes.Contains(own.Value);
            if (line.Contains("://", StringComparison.Ordinal))
            {
                foreach (Match match in MessageLink().Matches(line.ToString()))
                {
                    var id = Uri.UnescapeDataString(match.Groups["id"].Value);
                    AddOnce(ref linked, id);
                    if (isLabelled || previousLabelled || noteLabelled)
                    {
                        AddOnce(ref labelled, id);
                    }
                }
            }
            previousLabelled = isLabelled;
            if (line.StartsWith("Supersedes:", StringComparison.OrdinalIgnoreCase))
            {
                foreach (Match match in BracketedId().Matches(line.ToString()))
                {
                    AddOnce(ref supersedes, match.Groups["id"].Value);
                }
            }
            else if (line.StartsWith("change-id:", StringComparison.OrdinalIgnoreCase)
                || line.StartsWith("prerequisite-change-id:", StringComparison.OrdinalIgnoreCase))
            {
                var value = line[(line.IndexOf(':') + 1)..].Trim();
                if (!value.IsEmpty && !value.ContainsAny(' ', '\t'))
                {
                    AddOnce(ref changeIds, value.ToString());
                }
            }
        }
        return linked is null && supersedes is null && changeIds is null
            ? None
            : new SeriesReferences(linked ?? [], labelled ?? [], supersedes ?? [], changeIds ?? []);
    }

    static void AddOnce(ref List<string>? list, string id)
    {
        list ??= [];
        if (id.Contains('@') && !list.Contains(id))
        {
            list.Add(id);
        }
    }

    // lore.kernel.org/r/<id>, lore.kernel.org/<list>/<id>/, lore.kernel.org/all/<id>/T/, lkml.kernel.org/r/<id>,
    // patch.msgid.link/<id>: every form the kernel's Link: trailers and cover letters use.
    [GeneratedRegex(@"https?://(?:lore\.kernel\.org/(?:[A-Za-z0-9._-]+/)?|lkml\.kernel\.org/r/|patch\.msgid\.link/)(?<id>[^/\s<>""]+@[^/\s<>""]+?)(?=[/\s>)""]|$)",
        RegexOptions.CultureInvariant)]
    private static partial Regex MessageLink();

    // "v3: https://…", "Changes in V1:", "In an earlier version[0]", "previous version", "RFC v2 …".
    [GeneratedRegex(@"\b[vV]\d+\b|\b(?:earlier|previous|prior|last|older|first) (?:version|revision|posting|iteration|series|round)",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex VersionLabel();

    [GeneratedRegex(@"\[\d+\]", RegexOptions.CultureInvariant)]
    private static partial Regex Footnote();

    [GeneratedRegex(@"<(?<id>[^<>\s]+@[^<>\s]+)>", RegexOptions.CultureInvariant)]
    private static partial Regex BracketedId();
}
