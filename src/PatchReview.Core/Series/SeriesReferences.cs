using System.Text.RegularExpressions;

namespace PatchReview.Core.Series;

/// <summary>
/// What a cover letter or a patch's notes say about other versions: links to earlier mail
/// (<c>v3: https://lore.kernel.org/r/20220404174349.58530-1-mjrosato@linux.ibm.com/</c>), <c>Supersedes:</c> lines,
/// and b4's <c>change-id:</c> line.
/// </summary>
/// <param name="LinkedIds">Message-IDs the text links to (lore, lkml, patch.msgid.link and patchwork URLs).</param>
/// <param name="LabelledIds">Those of them on a line that speaks of a version (<c>v3: https://…</c>), alone under a
/// line that is such a label (<c>Changes in V1:</c>), or behind a footnote such a line cites ("an earlier version[0]"),
/// unless the line speaks of a base instead ("based on", "depends on").</param>
/// <param name="SupersedesIds">Message-IDs on a <c>Supersedes:</c> line, in angle brackets or as links.</param>
/// <param name="ChangeIds">The value of b4's <c>change-id:</c> line.</param>
public sealed partial record SeriesReferences(IReadOnlyList<string> LinkedIds, IReadOnlyList<string> LabelledIds,
    IReadOnlyList<string> SupersedesIds, IReadOnlyList<string> ChangeIds)
{
    public static readonly SeriesReferences None = new([], [], [], []);

    /// <summary>The references in unquoted lines of <paramref name="text"/>; quoted lines are someone else's.</summary>
    public static SeriesReferences Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<string>? linked = null, labelled = null, supersedes = null, changeIds = null;
        // Whether the last non-blank line was a label alone: "Changes in V1:", then (after a blank line, in the mm/mmap
        // V4 cover of June 2022) the link on a line of its own.
        var previousLabelled = false;
        // "In an earlier version[0], I sought …" with "[0] https://lore.kernel.org/…" further down.
        HashSet<string>? labelledNotes = null;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.IsWhiteSpace())
            {
                continue;
            }
            // Quoted lines are someone else's. Links, footnote marks, labels and the Supersedes: and change-id: lines
            // all hold a colon or a bracket; most lines of a patch, its diff, hold neither.
            if (line[0] == '>' || line.IndexOfAny(':', '[') < 0)
            {
                previousLabelled = false;
                continue;
            }
            // "based on v2 of …", "depends on …": the link names a base to apply on, not an earlier version.
            // A label only matters on a line with a link, a footnote mark, or a trailing colon: the regexes run on those alone.
            var mayMatter = line.Contains("://", StringComparison.Ordinal) || line.Contains('[') || line.TrimEnd().EndsWith(':');
            var isLabelled = mayMatter && VersionLabel().IsMatch(line) && !BaseLabel().IsMatch(line);
            if (isLabelled && line.Contains('['))
            {
                foreach (Match note in Footnote().Matches(line.ToString()))
                {
                    (labelledNotes ??= []).Add(note.Value);
                }
            }
            if (line.Contains("://", StringComparison.Ordinal))
            {
                var content = line.Trim();
                var note = content.StartsWith('[') && Footnote().Match(content.ToString()) is { Success: true, Index: 0 } own ? own.Value : null;
                var rest = (note is null ? content : content[note.Length..]).TrimStart(" \t-*");
                var alone = rest.IndexOfAny(' ', '\t') < 0;
                var labelledHere = isLabelled || (alone && previousLabelled)
                    || (note is not null && labelledNotes is not null && labelledNotes.Contains(note));
                var supersedesLine = line.StartsWith("Supersedes:", StringComparison.OrdinalIgnoreCase);
                foreach (Match match in MessageLink().Matches(line.ToString()))
                {
                    var id = Uri.UnescapeDataString(match.Groups["id"].Value).TrimEnd('.', ',', ';', ':');
                    AddOnce(ref linked, id);
                    if (labelledHere)
                    {
                        AddOnce(ref labelled, id);
                    }
                    if (supersedesLine)
                    {
                        AddOnce(ref supersedes, id);
                    }
                }
            }
            previousLabelled = isLabelled && line.TrimEnd().EndsWith(':');
            if (line.StartsWith("Supersedes:", StringComparison.OrdinalIgnoreCase))
            {
                foreach (Match match in BracketedId().Matches(line.ToString()))
                {
                    AddOnce(ref supersedes, match.Groups["id"].Value);
                }
            }
            // b4's own "change-id:" names the series; its "prerequisite-change-id:" names another series this one
            // depends on, which must not read as an earlier version.
            else if (line.StartsWith("change-id:", StringComparison.OrdinalIgnoreCase))
            {
                var value = line[(line.IndexOf(':') + 1)..].Trim();
                if (!value.IsEmpty && !value.ContainsAny(' ', '\t'))
                {
                    (changeIds ??= []).Add(value.ToString());
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
    // patch.msgid.link/<id>: every form the kernel's Link: trailers and cover letters use; and patchwork's
    // patchwork.kernel.org/project/<project>/patch/<id>/ (a kbuild v4 patch of May 2022 names its v3 that way).
    [GeneratedRegex(@"https?://(?:lore\.kernel\.org/(?:[A-Za-z0-9._-]+/)?|lkml\.kernel\.org/r/|patch\.msgid\.link/|patchwork\.[A-Za-z0-9.-]+/project/[^/\s]+/(?:patch|cover)/)(?<id>[^/\s<>""]+@[^/\s<>""]+?)(?=[/\s>)""]|$)",
        RegexOptions.CultureInvariant)]
    private static partial Regex MessageLink();

    // "v3: https://…", "Changes in V1:", "In an earlier version[0]", "previous version", "RFC v2 …"; not a kernel
    // release ("based on v5.19-rc1"), which names what a series applies to.
    [GeneratedRegex(@"\b[vV]\d+\b(?![.-]\d|-rc)|\b(?:earlier|previous|prior|last|older|first) (?:version|revision|posting|iteration|series|round)",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex VersionLabel();

    // "This series is based on …", "depends on", "on top of", "prerequisite", "applies to", "reverts".
    [GeneratedRegex(@"\b(?:based on|depends? on|dependency|dependencies|on top of|prerequisite|requires|appl(?:y|ies) (?:on|to)|revert)",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BaseLabel();

    [GeneratedRegex(@"\[\d+\]", RegexOptions.CultureInvariant)]
    private static partial Regex Footnote();

    [GeneratedRegex(@"<(?<id>[^<>\s]+@[^<>\s]+)>", RegexOptions.CultureInvariant)]
    private static partial Regex BracketedId();
}
