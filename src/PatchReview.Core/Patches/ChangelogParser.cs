using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PatchReview.Core.Patches;

/// <summary>
/// Reads what changed per version from a cover letter body or from the notes below a patch's <c>---</c> line.
/// <code>
/// ChangelogParser.Parse("Changelog v6->v7:\n- Add some more R-b tags\n- Mark a few routines static (kernel bot)\n\nMatthew Rosato (22):\n  s390/sclp: ...")
/// // one section, FromVersion 6, ToVersion 7, items "Add some more R-b tags" and
/// // "Mark a few routines static (kernel bot)" credited to "kernel bot"; the shortlog is not an item
/// </code>
/// </summary>
/// <remarks>
/// Headers seen on the lists: <c>Changes v1->v2:</c>, <c>Changelog v6->v7:</c>, <c>Changes since v1:</c>,
/// <c>Changes in v3</c>, <c>Changes from v5:</c>, <c>v2:</c>, <c>V1->V2: one-line change</c>, <c>v1 -> v2:</c>.
/// Items are bullets (<c>-</c>, <c>*</c>, <c>o</c>, <c>•</c>), numbers (<c>1.</c>, <c>1)</c>, <c>(1)</c>) or, under
/// a header without bullets, the paragraph that follows it. A section ends at the next header, at a blank line
/// followed by unindented text that is no item, and always at a diffstat, a shortlog author line
/// (<c>Matthew Rosato (22):</c>), a <c>---</c> line, a diff or the signature.
/// </remarks>
public static partial class ChangelogParser
{
    /// <summary>Every changelog section in the text, in the order written.</summary>
    public static IReadOnlyList<ChangelogSection> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new SectionReader();
        var lineNumber = 0;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            if (!reader.Read(rawLine, lineNumber))
            {
                break;
            }
        }

        return reader.Finish();
    }

    private enum HeaderKind
    {
        None,
        Section,
        // "v3: https://lore.kernel.org/kvm/20220204211536.321475-1-mjrosato@linux.ibm.com/": where that version is.
        Link,
    }

    private sealed class SectionReader
    {
        private readonly List<ChangelogSection> _sections = [];
        private readonly List<ChangelogItem> _items = [];
        private readonly StringBuilder _item = new();
        private (Versions Versions, string Header, int Line)? _section;
        private int _itemLine;
        private int? _listIndent;
        private int _underlineLine = -1;
        private bool _sectionIsLink;
        private bool _blankSinceText;

        /// <summary>Takes one line; false when nothing after it can be a changelog (a diff, the signature).</summary>
        public bool Read(ReadOnlySpan<char> rawLine, int lineNumber)
        {
            var line = rawLine.TrimEnd();
            var content = line.TrimStart();
            var indent = line.Length - content.Length;
            if (content.IsEmpty)
            {
                _blankSinceText = true;
                return true;
            }

            if (line is "--" || line.StartsWith("diff --git ") || line.StartsWith("Index: "))
            {
                CloseSection();
                return false;
            }

            var blank = _blankSinceText;
            _blankSinceText = false;
            if (!blank && _underlineLine == lineNumber - 1 && content.Length >= 3 && !content.ContainsAnyExcept(content[0]) && content[0] is '-' or '=')
            {
                // "Changelog from v2:\n----\n- Remove useless one variable" (kvm-unit-tests covers): an underline.
                return true;
            }

            if (line is "---" || IsDiffstat(content, indent) || (indent == 0 && content.EndsWith("):") && ShortlogAuthor().IsMatch(content)))
            {
                CloseSection();
                return true;
            }

            if (indent == 0)
            {
                var kind = ReadHeader(content, out var versions, out var rest);
                if (kind == HeaderKind.Link && _section is not null && _item.Length == 0 && _items.Count == 0)
                {
                    // Right below "Changelog v3->v4:" in the zPCI v4 cover letter, the link names the version the
                    // changes start from; it is no change.
                    return true;
                }

                if (kind != HeaderKind.None)
                {
                    // Otherwise it heads that version's changes, as in "v3:\n * ...\nv2: https://lore...\n * ...".
                    CloseSection();
                    _section = (versions, content.ToString(), lineNumber);
                    _sectionIsLink = kind == HeaderKind.Link;
                    _underlineLine = rest.IsEmpty ? lineNumber : -1;
                    if (!rest.IsEmpty)
                    {
                        StartItem(ItemStart(rest, out var start) ? rest[start..] : rest, lineNumber);
                    }

                    return true;
                }
            }

            if (_section is null)
            {
                return true;
            }

            if (ItemStart(content, out var textStart) && !IsNested(indent))
            {
                _listIndent ??= indent;
                StartItem(content[textStart..], lineNumber);
            }
            else if (_item.Length > 0 && (!blank || indent > 0))
            {
                _item.Append(' ').Append(content);
            }
            else if (_item.Length == 0 && _items.Count == 0)
            {
                // "v2:\n  Drop trailing endmenu comments." – a section whose change is a paragraph, not a list.
                StartItem(content, lineNumber);
            }
            else
            {
                CloseSection();
            }

            return true;
        }

        public IReadOnlyList<ChangelogSection> Finish()
        {
            CloseSection();
            return _sections;
        }

        private void StartItem(ReadOnlySpan<char> text, int lineNumber)
        {
            FlushItem();
            _item.Append(text.Trim());
            _itemLine = lineNumber;
        }

        /// <summary>
        /// A bullet or number indented past the section's own list belongs to the item above, bullet and all:
        /// "* improved make_secure_pte:\n  - renamed rc to cc" (the lazy destroy cover letter, v2->v3), and the
        /// wrapped "...to always be\n  0.  Now that we set the gisa earlier" of the zPCI v5 cover letter.
        /// </summary>
        private bool IsNested(int indent) => _item.Length > 0 && indent > _listIndent;

        private void FlushItem()
        {
            if (_item.Length == 0)
            {
                return;
            }

            var text = _item.ToString();
            _items.Add(new ChangelogItem(_items.Count + 1, text, ChangelogCredits.Find(text), _itemLine));
            _item.Clear();
        }

        private void CloseSection()
        {
            FlushItem();
            // "v1: https://lore..." closing a list of versions heads no changes.
            if (_section is { } section && !(_sectionIsLink && _items.Count == 0))
            {
                var (from, to, inferred) = section.Versions;
                _sections.Add(new ChangelogSection(from, to, inferred, section.Header, section.Line, [.. _items]));
            }

            _section = null;
            _listIndent = null;
            _items.Clear();
        }
    }

    private readonly record struct Versions(int? From, int? To, bool ToInferred);

    /// <summary>
    /// Whether an unindented line is a section header, and if so its versions and the change written after the
    /// colon ("V1->V2: apply a readable and simple version as suggestion.").
    /// </summary>
    private static HeaderKind ReadHeader(ReadOnlySpan<char> content, out Versions versions, out ReadOnlySpan<char> rest)
    {
        versions = default;
        rest = default;
        if (!Header().IsMatch(content))
        {
            return HeaderKind.None;
        }

        var match = Header().Match(content.ToString());
        var lead = match.Groups["lead"].Success;
        var prep = match.Groups["prep"];
        var a = match.Groups["a"];
        var b = match.Groups["b"];
        var colon = match.Groups["colon"].Success;
        var restText = match.Groups["rest"].ValueSpan.Trim();
        // Without "Changes", only "since"/"from" make a header: "Since v3:", but not "I'm planning a split in 3
        // patches\nfor V2: clean-up (comment, ...)" from a reply on linux-s390.
        var sinceOrFrom = prep.Success && (prep.ValueSpan.Equals("since", StringComparison.OrdinalIgnoreCase) || prep.ValueSpan.Equals("from", StringComparison.OrdinalIgnoreCase));
        if ((!colon && !restText.IsEmpty)
            || (!lead && prep.Success && !sinceOrFrom)
            || (!a.Success && (!lead || !colon || prep.Success || !restText.IsEmpty))
            || (a.Success && !lead && !prep.Success && !colon && !b.Success))
        {
            return HeaderKind.None;
        }

        var restGroup = match.Groups["rest"];
        rest = content.Slice(restGroup.Index, restGroup.Length).Trim();
        var link = IsLinkOnly(rest);
        if (link)
        {
            rest = [];
        }

        int? from = null, to = null;
        var inferred = false;
        if (a.Success)
        {
            var version = int.Parse(a.ValueSpan, provider: CultureInfo.InvariantCulture);
            if (b.Success)
            {
                from = version;
                to = int.Parse(b.ValueSpan, provider: CultureInfo.InvariantCulture);
            }
            else if (sinceOrFrom)
            {
                from = version;
                to = version + 1;
                inferred = true;
            }
            else
            {
                to = version;
            }
        }

        versions = new Versions(from, to, inferred);
        return link && !b.Success && !lead && !prep.Success ? HeaderKind.Link : HeaderKind.Section;
    }

    private static bool IsLinkOnly(ReadOnlySpan<char> text)
        => (text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                || (text.Length > 2 && text[0] == '<' && text[^1] == '>'))
            && text.IndexOfAny(' ', '\t') < 0;

    /// <summary>Where an item's text starts after its bullet (<c>-</c>, <c>*</c>, <c>o</c>, <c>•</c>) or number (<c>1.</c>, <c>1)</c>, <c>(1)</c>).</summary>
    private static bool ItemStart(ReadOnlySpan<char> content, out int textStart)
    {
        textStart = 0;
        int marker;
        if (content[0] is '-' or '*' or 'o' or '•')
        {
            marker = 1;
        }
        else
        {
            var open = content[0] == '(' ? 1 : 0;
            var digits = content[open..].IndexOfAnyExceptInRange('0', '9');
            if (digits is < 1 or > 3 || open + digits >= content.Length)
            {
                return false;
            }

            var close = content[open + digits];
            if ((open == 1 ? close != ')' : close is not ('.' or ')')) || content[open] == '0')
            {
                return false;
            }

            marker = open + digits + 1;
        }

        if (marker >= content.Length || !char.IsWhiteSpace(content[marker]))
        {
            return false;
        }

        textStart = marker;
        return !content[marker..].IsWhiteSpace();
    }

    /// <summary><c> arch/s390/kvm/pci.c | 36 ++++</c>, <c> foo.bin | Bin 0 -> 12 bytes</c>, <c> 33 files changed, ...</c>.</summary>
    private static bool IsDiffstat(ReadOnlySpan<char> content, int indent)
        => indent > 0 && ((content.Contains('|') && Diffstat().IsMatch(content)) || DiffstatSummary().IsMatch(content));

    private const string VersionPattern =
        @"v(?<a>\d{1,3})(?:[ \t]*(?:->|-->|=>|→|–|-|\.\.|to|and|vs\.?)[ \t]*v(?<b>\d{1,3}))?";

    private const string Preposition = @"(?<prep>since|from|in|for|between|to|over)";

    // Only lines shaped like a header match, so the common line costs no allocation: IsMatch runs on the span.
    [GeneratedRegex(
        @"^(?:(?<lead>changes?|change\s*log|changes\s+made|updates?|revisions?)\b(?:[ \t]+" + Preposition + ")?(?:[ \t]+" + VersionPattern + ")?" +
        @"|(?:" + Preposition + @"[ \t]+)?" + VersionPattern + ")" +
        @"(?:[ \t]+(?:changes|changelog))?[ \t]*(?:\[[^\]]*\]|\([^)]*\))?[ \t]*(?:(?<colon>:)(?<rest>.*))?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Header();

    [GeneratedRegex(@"^\S.*\s\|\s+(?:\d+(?:\s+[-+]*)?|Bin\b.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Diffstat();

    [GeneratedRegex(@"^\d+ files? changed", RegexOptions.CultureInvariant)]
    private static partial Regex DiffstatSummary();

    // "Matthew Rosato (22):" opens the shortlog git format-patch writes below the cover text.
    [GeneratedRegex(@"^\S.*\(\d+\):$", RegexOptions.CultureInvariant)]
    private static partial Regex ShortlogAuthor();
}
