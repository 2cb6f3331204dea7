using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PatchReview.Core.Patches;

/// <summary>
/// The bracketed prefix of a patch mail's subject, read the way the list writes it, and the title after it.
/// Example: <c>Re: [PATCH v7 10/22] vfio-pci/zdev: add open/close device hooks</c> gives IsReply, Version 7, Index 10,
/// Total 22 and Title <c>vfio-pci/zdev: add open/close device hooks</c>. A subject is a patch subject when one of its
/// leading bracket groups says PATCH, RFC or (GIT) PULL; <c>[Bug 216073] New: …</c> and <c>[net] 4890b686f4: …</c> are not.
/// </summary>
/// <remarks>
/// Fractional numbers are kept as text: <c>[PATCH 34.5/36]</c> (a patch slipped in between 34 and 35) gives Index null,
/// IndexText <c>34.5</c>, Total 36; <c>[PATCH v5.1 3/8]</c> (one patch of v5 revised) gives Version 5, VersionText
/// <c>5.1</c>. Only a <c>v</c>-number is a version: the bare <c>5.17</c> of <c>[PATCH AUTOSEL 5.17 18/31]</c> and
/// <c>[PATCH 5.10 113/129]</c> names a stable branch and is a tag, as is <c>for v5.15</c> in <c>[PATCH for v5.15]</c>.
/// </remarks>
public sealed record PatchSubject
{
    /// <summary>The subject after reply prefixes and the leading bracket groups, trimmed: <c>subsys: short summary</c>.</summary>
    public required string Title { get; init; }

    /// <summary>The title for matching across versions: lower case, white space runs as one space, trailing periods dropped.</summary>
    public required string NormalizedTitle { get; init; }

    /// <summary>The subject began with <c>Re:</c>, <c>AW:</c>, <c>SV:</c>, <c>Antw:</c>, <c>Fwd:</c> or the like, once or more.</summary>
    public bool IsReply { get; init; }

    /// <summary>An <c>RFC</c> word in a bracket group: <c>[RFC PATCH v2 0/5]</c>, <c>[PATCH/RFC]</c>, <c>[PATCH v2 1/2] [RFC]</c>.</summary>
    public bool IsRfc { get; init; }

    /// <summary>A <c>RESEND</c> word: <c>[PATCH RESEND v5 4/4]</c>, <c>[PATCH v2 RESEND]</c>; the same patch sent again unchanged.</summary>
    public bool IsResend { get; init; }

    /// <summary>
    /// <c>[GIT PULL]</c> (or <c>[PULL]</c>): a pull request, or with an index (<c>[GIT PULL 03/42]</c>) one of the already
    /// applied patches a maintainer sends along with it. Such a patch is not a new version of its series.
    /// </summary>
    public bool IsPull { get; init; }

    /// <summary>The series version: 7 for <c>v7</c>, 5 for <c>v5.1</c>, 1 when the subject names none.</summary>
    public int Version { get; init; } = 1;

    /// <summary>True when no <c>v</c>-number was written and <see cref="Version"/> is the implied 1.</summary>
    public bool VersionInferred { get; init; } = true;

    /// <summary>The version as written without its <c>v</c> (<c>5.1</c>, <c>2</c>); null when none was written.</summary>
    public string? VersionText { get; init; }

    /// <summary>The patch number, 0 for a cover letter; null when absent or not a whole number (<c>0.5/5</c>).</summary>
    public int? Index { get; init; }

    /// <summary>The patch number as written (<c>03</c>, <c>0.5</c>); null when absent.</summary>
    public string? IndexText { get; init; }

    /// <summary>The number of patches in the series; null when absent.</summary>
    public int? Total { get; init; }

    /// <summary>The other words of the bracket groups, in order: <c>net-next</c>, <c>kvm-unit-tests</c>, <c>dm-devel</c>, <c>AUTOSEL</c>, <c>5.17</c>.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Parses a patch subject; throws <see cref="FormatException"/> when it has no PATCH, RFC or PULL tag.</summary>
    public static PatchSubject Parse(string subject)
        => Read(subject, out _) ?? throw new FormatException($"Not a patch subject (no PATCH, RFC or GIT PULL tag): \"{subject}\"");

    /// <summary>Parses a patch subject; false when it has no PATCH, RFC or PULL tag.</summary>
    public static bool TryParse(string? subject, [NotNullWhen(true)] out PatchSubject? result)
    {
        result = subject is null ? null : Read(subject, out _);
        return result is not null;
    }

    public bool Equals(PatchSubject? other)
        => other is not null
            && Title == other.Title && NormalizedTitle == other.NormalizedTitle
            && IsReply == other.IsReply && IsRfc == other.IsRfc && IsResend == other.IsResend && IsPull == other.IsPull
            && Version == other.Version && VersionInferred == other.VersionInferred && VersionText == other.VersionText
            && Index == other.Index && IndexText == other.IndexText && Total == other.Total
            && Tags.SequenceEqual(other.Tags);

    public override int GetHashCode() => HashCode.Combine(NormalizedTitle, Version, Index, Total, IsReply, IsPull);

    /// <summary>
    /// The one implementation behind Parse and TryParse, also telling the classifier whether a subject without any tag
    /// (<c>Re: cleanup swiotlb initialization v8</c>) carries a reply prefix.
    /// </summary>
    internal static PatchSubject? Read(string subject, out bool isReply)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var rest = subject.AsSpan().Trim();
        var words = new WordReader();
        isReply = false;
        while (true)
        {
            rest = rest.TrimStart();
            // Reply prefixes and a list's own tag come in either order ("Re: [dm-devel] [PATCH 03/27] target: …" on
            // linux-s390, "[dm-devel] Re: …" from other Mailman setups), but once a group has said PATCH, what follows
            // is title: "[PATCH] Re: …" stays a patch.
            if (!words.HasTag && ReplyPrefixLength(rest) is var prefix and > 0)
            {
                isReply = true;
                rest = rest[prefix..];
                continue;
            }

            var close = rest.IsEmpty || rest[0] != '[' ? -1 : ClosingBracket(rest);
            if (close < 0)
            {
                break;
            }

            words.ReadGroup(rest[1..close]);
            rest = rest[(close + 1)..];
        }

        if (!words.HasTag)
        {
            return null;
        }

        var title = rest.Trim();
        return new PatchSubject
        {
            Title = title.ToString(),
            NormalizedTitle = Normalize(title),
            IsReply = isReply,
            IsRfc = words.IsRfc,
            IsResend = words.IsResend,
            IsPull = words.IsPull,
            Version = words.Version ?? 1,
            VersionInferred = words.Version is null,
            VersionText = words.VersionText,
            Index = words.Index,
            IndexText = words.IndexText,
            Total = words.Total,
            Tags = words.Tags ?? [],
        };
    }

    /// <summary>
    /// The length of one reply or forward prefix at the start, 0 when there is none: <c>Re:</c>, <c>RE:</c>, <c>AW:</c>
    /// (German), <c>SV:</c> (Scandinavian), <c>Antw:</c> (Dutch), <c>VS:</c> (Finnish), <c>Odp:</c> (Polish),
    /// <c>Fwd:</c>, <c>Fw:</c>, <c>WG:</c>, <c>TR:</c>; also counted (<c>Re[2]:</c>, <c>Re^2:</c>) or with a space
    /// before the colon as French mailers write it (<c>Re :</c>).
    /// </summary>
    private static int ReplyPrefixLength(ReadOnlySpan<char> text)
    {
        var at = 0;
        while (at < text.Length && at <= 4 && char.IsAsciiLetter(text[at]))
        {
            at++;
        }

        if (at is < 2 or > 4 || !IsReplyWord(text[..at]))
        {
            return 0;
        }

        if (at < text.Length && text[at] is '[' or '^' or '(')
        {
            var open = text[at];
            var digits = at + 1;
            at = digits;
            while (at < text.Length && char.IsAsciiDigit(text[at]))
            {
                at++;
            }

            if (at == digits)
            {
                return 0;
            }

            if (open != '^')
            {
                if (at == text.Length || text[at] != (open == '[' ? ']' : ')'))
                {
                    return 0;
                }

                at++;
            }
        }

        while (at < text.Length && text[at] is ' ' or '\t')
        {
            at++;
        }

        return at < text.Length && text[at] == ':' ? at + 1 : 0;
    }

    private static bool IsReplyWord(ReadOnlySpan<char> word)
        => word.Equals("re", StringComparison.OrdinalIgnoreCase) || word.Equals("aw", StringComparison.OrdinalIgnoreCase)
            || word.Equals("sv", StringComparison.OrdinalIgnoreCase) || word.Equals("antw", StringComparison.OrdinalIgnoreCase)
            || word.Equals("vs", StringComparison.OrdinalIgnoreCase) || word.Equals("odp", StringComparison.OrdinalIgnoreCase)
            || word.Equals("fwd", StringComparison.OrdinalIgnoreCase) || word.Equals("fw", StringComparison.OrdinalIgnoreCase)
            || word.Equals("wg", StringComparison.OrdinalIgnoreCase) || word.Equals("tr", StringComparison.OrdinalIgnoreCase);

    /// <summary>The index of the ']' that closes the '[' at 0, counting nested pairs; -1 when it is never closed.</summary>
    private static int ClosingBracket(ReadOnlySpan<char> text)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '[')
            {
                depth++;
            }
            else if (text[i] == ']' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Lower case, white space runs (folding leaves tabs and long runs) as one space, no trailing periods.</summary>
    internal static string Normalize(ReadOnlySpan<char> title)
    {
        var end = title.Length;
        while (end > 0 && (title[end - 1] == '.' || char.IsWhiteSpace(title[end - 1])))
        {
            end--;
        }

        title = title[..end].TrimStart();
        var buffer = title.Length <= 512 ? stackalloc char[title.Length] : new char[title.Length];
        var length = 0;
        var pendingSpace = false;
        foreach (var c in title)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                buffer[length++] = ' ';
                pendingSpace = false;
            }

            buffer[length++] = char.ToLowerInvariant(c);
        }

        return new string(buffer[..length]);
    }

    /// <summary>
    /// Reads the words of the leading bracket groups. Words are split at white space, commas and inner brackets;
    /// a keyword may carry what follows it in the same word (<c>PATCHv3</c>, <c>PATCH1/8</c>, <c>PATCH/RFC</c>, <c>RFCv2</c>).
    /// </summary>
    private struct WordReader
    {
        private bool _afterGit;
        private bool _afterFor;
        private bool _afterPull;
        private bool _isPatch;

        public bool IsRfc { get; private set; }
        public bool IsResend { get; private set; }
        public bool IsPull { get; private set; }
        public int? Version { get; private set; }
        public string? VersionText { get; private set; }
        public int? Index { get; private set; }
        public string? IndexText { get; private set; }
        public int? Total { get; private set; }
        public List<string>? Tags { get; private set; }

        public readonly bool HasTag => _isPatch || IsRfc || IsPull;

        public void ReadGroup(ReadOnlySpan<char> group)
        {
            while (!group.IsEmpty)
            {
                var start = group.IndexOfAnyExcept(Separators);
                if (start < 0)
                {
                    break;
                }

                group = group[start..];
                var end = group.IndexOfAny(Separators);
                var word = end < 0 ? group : group[..end];
                ReadWord(word);
                group = group[word.Length..];
            }

            if (_afterGit)
            {
                AddTag("GIT");
            }

            if (_afterFor)
            {
                AddTag("for");
            }

            _afterGit = _afterFor = _afterPull = false;
        }

        private void ReadWord(ReadOnlySpan<char> word)
        {
            if (_afterFor)
            {
                // "[PATCH for v5.15] perf symbol: …": the branch the patch is meant for, not a version of it.
                _afterFor = false;
                AddTag(string.Concat("for ", word));
                return;
            }

            if (_afterGit)
            {
                _afterGit = false;
                if (!word.Equals("PULL", StringComparison.OrdinalIgnoreCase))
                {
                    AddTag("GIT");
                }
            }

            if (_afterPull && word.Equals("REQUEST", StringComparison.OrdinalIgnoreCase))
            {
                _afterPull = false;
                return;
            }

            _afterPull = false;
            if (word.Equals("GIT", StringComparison.OrdinalIgnoreCase))
            {
                _afterGit = true;
            }
            else if (word.Equals("for", StringComparison.OrdinalIgnoreCase))
            {
                _afterFor = true;
            }
            else if (!ReadKeyword(word) && !ReadVersion(word) && !ReadNumber(word))
            {
                AddTag(word.ToString());
            }
        }

        private bool ReadKeyword(ReadOnlySpan<char> word)
        {
            if (StartsWithKeyword(word, "PATCH", out var rest))
            {
                // PATCHES and PATCHSET head a series as often as PATCH does.
                if (rest.Equals("ES", StringComparison.OrdinalIgnoreCase) || rest.Equals("SET", StringComparison.OrdinalIgnoreCase))
                {
                    rest = default;
                }

                if (!IsKeywordEnd(rest))
                {
                    return false;
                }

                _isPatch = true;
            }
            else if (StartsWithKeyword(word, "RFC", out rest) && IsKeywordEnd(rest))
            {
                IsRfc = true;
            }
            else if (StartsWithKeyword(word, "RESEND", out rest) && IsKeywordEnd(rest))
            {
                IsResend = true;
            }
            else if (StartsWithKeyword(word, "PULL", out rest) && IsKeywordEnd(rest))
            {
                IsPull = true;
                _afterPull = true;
            }
            else
            {
                return false;
            }

            if (!rest.IsEmpty && rest[0] is '/' or '-')
            {
                rest = rest[1..];
            }

            if (!rest.IsEmpty)
            {
                ReadWord(rest);
            }

            return true;
        }

        private static bool StartsWithKeyword(ReadOnlySpan<char> word, string keyword, out ReadOnlySpan<char> rest)
        {
            var found = word.StartsWith(keyword, StringComparison.OrdinalIgnoreCase);
            rest = found ? word[keyword.Length..] : default;
            return found;
        }

        /// <summary>What may follow a keyword in the same word: nothing, <c>/RFC</c>, <c>-next</c>, <c>v3</c>, <c>1/8</c>.</summary>
        private static bool IsKeywordEnd(ReadOnlySpan<char> rest)
            => rest.IsEmpty || rest[0] is '/' or '-' || char.IsAsciiDigit(rest[0])
                || (rest.Length > 1 && rest[0] is 'v' or 'V' && char.IsAsciiDigit(rest[1]));

        /// <summary><c>v7</c>, <c>V2</c>, <c>v5.1</c>: the first one written is the version, later ones are tags.</summary>
        private bool ReadVersion(ReadOnlySpan<char> word)
        {
            if (word.Length < 2 || word[0] is not ('v' or 'V') || !IsDottedNumber(word[1..]) || Version is not null)
            {
                return false;
            }

            var text = word[1..];
            var major = text.IndexOf('.') is var dot and >= 0 ? text[..dot] : text;
            if (!int.TryParse(major, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                return false;
            }

            Version = version;
            VersionText = text.ToString();
            return true;
        }

        /// <summary><c>10/22</c>, <c>03/42</c>, <c>0.5/5</c>: the first one written numbers the patch, later ones are tags.</summary>
        private bool ReadNumber(ReadOnlySpan<char> word)
        {
            var slash = word.IndexOf('/');
            if (slash < 0 || IndexText is not null || !IsDottedNumber(word[..slash]) || !IsDottedNumber(word[(slash + 1)..]))
            {
                return false;
            }

            var index = word[..slash];
            IndexText = index.ToString();
            Index = int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
            Total = int.TryParse(word[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out number) ? number : null;
            return true;
        }

        /// <summary>Digits, optionally with dotted parts: <c>7</c>, <c>03</c>, <c>5.1</c>, <c>34.5</c>.</summary>
        private static bool IsDottedNumber(ReadOnlySpan<char> text)
            => !text.IsEmpty && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[^1])
                && text.IndexOfAnyExcept(DigitsAndDot) < 0 && !text.Contains("..", StringComparison.Ordinal);

        private void AddTag(string tag) => (Tags ??= []).Add(tag);
    }

    private static readonly SearchValues<char> Separators = SearchValues.Create(" \t\r\n,;[]");
    private static readonly SearchValues<char> DigitsAndDot = SearchValues.Create("0123456789.");
}
