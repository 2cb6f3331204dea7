using System.Text.RegularExpressions;
using PatchReview.Core.Mail;

namespace PatchReview.Core.Patches;

/// <summary>
/// The people a changelog item credits, and who they are among those who took part in the series.
/// <code>
/// ChangelogCredits.Resolve(["Christian", "kernel bot", "Thomas"], participants)
/// // Christian Borntraeger; kernel test robot &lt;lkp@intel.com&gt;; null when both Thomas Huth and Thomas Gleixner took part
/// </code>
/// </summary>
public static partial class ChangelogCredits
{
    // Capitalised words that open a parenthesis in changelogs without naming anyone: "Added many R-bs / ACKs (Thanks!)".
    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "thanks", "thank", "thx", "note", "optional", "previously", "unchanged", "new", "none", "done", "again", "fixed",
        "dropped", "removed", "added", "see", "also", "untested", "nit", "typo", "rebased", "trivial", "cosmetic",
        "tbd", "todo", "wip", "maybe", "hopefully", "finally", "sorry", "oops", "ditto", "same", "patch", "patches",
    };

    // Lower-case words inside a name: "Ard van der Linden", "Maria de la Cruz".
    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal)
    {
        "van", "von", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le", "bin", "ibn", "al", "y",
    };

    /// <summary>
    /// Maps each credit to the one participant it names, in the order given: a full name, a first name or an
    /// address's local part, compared without case and accents; "kernel bot" and the like to the sender at
    /// lkp@intel.com. A credit that fits no one, or more than one person (two participants called Thomas), keeps
    /// a null Person. One person writing from two addresses under one name counts once, as the first of them in
    /// <paramref name="participants"/>.
    /// </summary>
    public static IReadOnlyList<ChangelogCredit> Resolve(IReadOnlyList<string> credited, IReadOnlyList<Person> participants)
    {
        ArgumentNullException.ThrowIfNull(credited);
        ArgumentNullException.ThrowIfNull(participants);
        var people = participants
            .Where(p => p is not null)
            .Select(p => new Participant(p, Names.Of(p.Name), LocalPart(p.Email)))
            .ToList();
        var resolved = new List<ChangelogCredit>(credited.Count);
        foreach (var credit in credited)
        {
            resolved.Add(new ChangelogCredit(credit, Find(credit, people)));
        }

        return resolved;
    }

    private static Person? Find(string credit, List<Participant> people)
    {
        if (IsBot(credit))
        {
            return people.FirstOrDefault(p => string.Equals(p.Person.Email, "lkp@intel.com", StringComparison.OrdinalIgnoreCase))?.Person;
        }

        var wanted = Names.Of(credit);
        if (wanted.Plain.Length == 0)
        {
            return null;
        }

        var candidates = people.Where(p => p.Name.Matches(wanted)).ToList();
        if (candidates.Count == 0 && !wanted.Plain.Contains(' ', StringComparison.Ordinal))
        {
            candidates = people.Where(p => p.Name.First().Matches(wanted)).ToList();
        }

        if (candidates.Count == 0)
        {
            candidates = people.Where(p => p.Local.Length > 0 && string.Equals(p.Local, credit.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        }

        // Jason Gunthorpe writes from jgg@nvidia.com and jgg@ziepe.ca: one person, not an ambiguity.
        var humans = candidates.Select(c => c.Name.Plain.Length > 0 ? c.Name.Plain : c.Person.Email.ToLowerInvariant()).Distinct().Count();
        return humans == 1 ? candidates[0].Person : null;
    }

    private sealed record Participant(Person Person, Names Name, string Local);

    /// <summary>A name reduced both ways <see cref="TrailerParser.SameName"/> compares them.</summary>
    private sealed record Names(string Plain, string Umlauts)
    {
        public static Names Of(string name) => new(TrailerParser.NormalizeName(name), TrailerParser.NormalizeName(name, umlautsAsE: true));

        public bool Matches(Names other) => Plain.Length > 0 && (Plain == other.Plain || Umlauts == other.Umlauts);

        public Names First() => new(FirstWord(Plain), FirstWord(Umlauts));

        private static string FirstWord(string name)
        {
            var space = name.IndexOf(' ', StringComparison.Ordinal);
            return space < 0 ? name : name[..space];
        }
    }

    private static string LocalPart(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 ? email[..at] : "";
    }

    private static bool IsBot(string credit)
    {
        var trimmed = credit.AsSpan().Trim();
        return !trimmed.IsEmpty && BotLength(trimmed) == trimmed.Length;
    }

    /// <summary>
    /// The credits in an item's text, in the order written, each once: parenthesised names, at the end or inside
    /// ("(Christian)", "(Pierre, Christian)", "(kernel bot)", "(Thomas) and also fix"), and names after
    /// "per", "suggested by", "reported by", "thanks to", "discussions with" and the like.
    /// </summary>
    internal static IReadOnlyList<string> Find(string text)
    {
        var found = new List<(int At, string Credit)>();
        FindParenthesised(text, found);
        foreach (var match in Introducer().EnumerateMatches(text))
        {
            ReadNameList(text, match.Index + match.Length, found);
        }

        if (found.Count == 0)
        {
            return [];
        }

        var credits = new List<string>(found.Count);
        foreach (var (_, credit) in found.OrderBy(f => f.At))
        {
            if (!credits.Contains(credit, StringComparer.OrdinalIgnoreCase))
            {
                credits.Add(credit);
            }
        }

        return credits;
    }

    private static void FindParenthesised(string text, List<(int At, string Credit)> found)
    {
        var open = -1;
        while ((open = text.IndexOf('(', open + 1)) >= 0)
        {
            // "IS_ENABLED(CONFIG_PCI)" and "(un)registration" are code and word parts, not credits.
            var close = text.IndexOfAny(['(', ')'], open + 1);
            if ((open > 0 && !char.IsWhiteSpace(text[open - 1])) || close < 0 || text[close] != ')'
                || (close + 1 < text.Length && !char.IsWhiteSpace(text[close + 1]) && !char.IsPunctuation(text[close + 1])))
            {
                continue;
            }

            var inside = text.AsSpan(open + 1, close - open - 1).Trim();
            foreach (var thanks in Thanks().EnumerateMatches(inside))
            {
                inside = inside[thanks.Length..].TrimEnd("!.").Trim();
            }

            var parts = new List<(int At, string Credit)>();
            var prose = false;
            foreach (var range in inside.SplitAny(",/&"))
            {
                var part = inside[range];
                while (!part.IsEmpty && !prose)
                {
                    var and = part.IndexOf(" and ", StringComparison.Ordinal);
                    var name = (and < 0 ? part : part[..and]).Trim();
                    part = and < 0 ? [] : part[(and + 5)..];
                    if (name.IsEmpty)
                    {
                        continue;
                    }

                    var at = open + 1 + parts.Count;
                    if (BotLength(name) == name.Length)
                    {
                        parts.Add((at, StripThe(name)));
                    }
                    else if (IsName(name))
                    {
                        parts.Add((at, StripPossessive(name)));
                    }
                    else
                    {
                        // One part that is no name makes the whole parenthesis prose: "(need both the facilities ...)".
                        prose = true;
                    }
                }
            }

            if (!prose)
            {
                found.AddRange(parts);
            }
        }
    }

    /// <summary>After "per" or "suggested by": "Jason", "Alex and Jason", "Jason Gunthorpe's", "the kernel test robot".</summary>
    private static void ReadNameList(string text, int at, List<(int At, string Credit)> found)
    {
        while (at < text.Length)
        {
            var rest = text.AsSpan(at);
            var length = BotLength(rest);
            string credit;
            if (length > 0)
            {
                credit = StripThe(rest[..length]);
            }
            else if ((length = NameLength(rest)) > 0)
            {
                credit = StripPossessive(rest[..length]);
            }
            else
            {
                return;
            }

            found.Add((at, credit));
            at += length;
            var separator = 0;
            foreach (var match in ListSeparator().EnumerateMatches(text.AsSpan(at)))
            {
                separator = match.Length;
            }

            if (separator == 0)
            {
                return;
            }

            at += separator;
        }
    }

    /// <summary>How long the robot's name at the start of the text is ("kernel bot", "the kernel test robot"), or 0.</summary>
    private static int BotLength(ReadOnlySpan<char> text)
    {
        foreach (var match in Bot().EnumerateMatches(text))
        {
            var end = match.Index + match.Length;
            return end == text.Length || !char.IsLetter(text[end]) ? end : 0;
        }

        return 0;
    }

    /// <summary>How long the name of up to three capitalised words at the start of the text is ("Jason Gunthorpe's"), or 0.</summary>
    private static int NameLength(ReadOnlySpan<char> text)
    {
        var end = 0;
        var words = 0;
        var next = 0;
        while (words < 3 && next < text.Length)
        {
            var rest = text[next..];
            var space = rest.IndexOfAny(' ', '\t');
            var word = space < 0 ? rest : rest[..space];
            var bare = word.TrimEnd(",;:!?)\"");
            if (bare.Length > 2 && bare[^1] == '.')
            {
                bare = bare[..^1];
            }

            if (!IsNameWord(bare, allowCaps: words > 0) || (words == 0 && NotNames.Contains(bare.ToString())))
            {
                break;
            }

            words++;
            end = next + bare.Length;
            if (bare.Length != word.Length || bare.EndsWith("'s") || bare.EndsWith("’s") || space < 0)
            {
                break;
            }

            next += space + 1;
        }

        return end;
    }

    private static string StripPossessive(ReadOnlySpan<char> name)
        => (name.EndsWith("'s") || name.EndsWith("’s") ? name[..^2] : name).Trim().ToString();

    private static string StripThe(ReadOnlySpan<char> name)
        => (name.StartsWith("the ", StringComparison.OrdinalIgnoreCase) ? name[4..] : name).Trim().ToString();

    /// <summary>
    /// "Christian", "Jason Gunthorpe", "Christophe JAILLET", "Jean-Philippe", "Ard van der Linden": one to four
    /// words, the first and the last capitalised, lower-case particles between, and lower case somewhere ("(IBM)",
    /// "(CONFIG_PCI)", "(KVM-owned)", "(previously 214)" and "(Thanks!)" are not names).
    /// </summary>
    private static bool IsName(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text.Length > 60)
        {
            return false;
        }

        var count = 0;
        var lastIsParticle = false;
        foreach (var range in text.SplitAny(' ', '\t'))
        {
            var word = text[range];
            if (word.IsEmpty)
            {
                continue;
            }

            count++;
            lastIsParticle = count > 1 && Particles.Contains(word.ToString());
            if (!lastIsParticle && !IsNameWord(word, allowCaps: count > 1))
            {
                return false;
            }
        }

        return count is > 0 and <= 4 && !lastIsParticle && (count > 1 || !NotNames.Contains(StripPossessive(text)));
    }

    /// <summary>
    /// A capitalised word of letters, with '-' joining capitalised parts and '.' or an apostrophe inside. A lone
    /// all-capitals word is an acronym ("(IBM)", "per CPU") unless it follows another word ("Christophe JAILLET").
    /// </summary>
    private static bool IsNameWord(ReadOnlySpan<char> word, bool allowCaps)
    {
        if (word.EndsWith("'s") || word.EndsWith("’s"))
        {
            word = word[..^2];
        }

        if (word.IsEmpty)
        {
            return false;
        }

        var lower = false;
        foreach (var range in word.Split('-'))
        {
            var part = word[range];
            if (part.IsEmpty || !char.IsUpper(part[0]))
            {
                return false;
            }

            foreach (var c in part)
            {
                if (!char.IsLetter(c) && c is not ('.' or '\'' or '’'))
                {
                    return false;
                }

                lower |= char.IsLower(c);
            }
        }

        return lower || allowCaps;
    }

    // The robot that reports build failures signs "kernel test robot <lkp@intel.com>"; changelogs call it many things.
    [GeneratedRegex(@"^(?:the\s+)?(?:intel\s+)?(?:kernel\s+test\s+robot|kernel\s+bot|kbuild\s+(?:test\s+)?robot|0-?day(?:\s+(?:bot|robot|ci))?|lkp(?:\s+(?:bot|robot))?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Bot();

    [GeneratedRegex(@"\b(?:per|(?:suggested|reported|requested|pointed\s+out|noticed|spotted|found|proposed|recommended|caught)\s+by|thanks\s+to|discussions?\s+with|feedback\s+from|comments?\s+from|input\s+from)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Introducer();

    [GeneratedRegex(@"^(?:thanks\s+to|thanks|thx|thank\s+you|suggested\s+by|reported\s+by|from|per|by)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Thanks();

    [GeneratedRegex(@"^(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListSeparator();
}
