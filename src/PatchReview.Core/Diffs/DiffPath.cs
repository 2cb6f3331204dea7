using System.Text;

namespace PatchReview.Core.Diffs;

/// <summary>
/// Reads the paths in diff headers. git quotes a path holding a control character, a quote, a backslash or (by
/// default, core.quotePath) any byte above 0x7f, in C style with octal bytes: <c>"a/t\303\251st"</c> is
/// <c>a/tést</c>. A path with a space is not quoted; on <c>---</c>/<c>+++</c> lines git then ends it with a tab.
/// </summary>
internal static class DiffPath
{
    /// <summary>
    /// The two paths of <c>diff --git a/x b/y</c> (text after <c>diff --git </c>), prefixes removed. Unquoted names
    /// with spaces are split where both halves name the same file, as git apply does; a rename with spaces is only
    /// guessed here, and its <c>rename from</c>/<c>rename to</c> lines settle it.
    /// </summary>
    public static (string? Old, string? New) FromGitHeader(ReadOnlySpan<char> names)
    {
        if (names.StartsWith('"'))
        {
            var oldName = Unquote(names, out var used);
            var rest = names[used..].TrimStart(' ');
            return (StripPrefix(oldName), StripPrefix(rest.StartsWith('"') ? Unquote(rest, out _) : rest.ToString()));
        }

        var quoted = names.IndexOf(" \"");
        if (quoted >= 0)
        {
            return (StripPrefix(names[..quoted].ToString()), StripPrefix(Unquote(names[(quoted + 1)..], out _)));
        }

        // "a/x y b/x y": an odd length with the middle space splitting two equal names after their prefixes.
        if (names.Length % 2 == 1)
        {
            var half = names.Length / 2;
            if (names[half] == ' ' && Stripped(names[..half]).SequenceEqual(Stripped(names[(half + 1)..])))
            {
                return (StripPrefix(names[..half].ToString()), StripPrefix(names[(half + 1)..].ToString()));
            }
        }

        var split = names.LastIndexOf(" b/");
        if (split < 0)
        {
            split = names.IndexOf(' ');
        }

        return split < 0
            ? (StripPrefix(names.ToString()), StripPrefix(names.ToString()))
            : (StripPrefix(names[..split].ToString()), StripPrefix(names[(split + 1)..].ToString()));
    }

    /// <summary>
    /// The path of a <c>--- a/x</c> or <c>+++ b/x</c> line (text after the marker), prefix removed; null for
    /// <c>/dev/null</c>. A tab ends the name: git adds one after names with spaces, diff -u puts the date after it.
    /// </summary>
    public static string? FromFileLine(ReadOnlySpan<char> name)
    {
        if (name.StartsWith('"'))
        {
            return NullIfDevNull(StripPrefix(Unquote(name, out _)));
        }

        var tab = name.IndexOf('\t');
        if (tab >= 0)
        {
            name = name[..tab];
        }

        name = name.TrimEnd(' ');
        return name.SequenceEqual("/dev/null") ? null : StripPrefix(name.ToString());
    }

    /// <summary>The path of <c>rename from x</c>, <c>copy to x</c> (text after the keyword): no prefix to remove.</summary>
    public static string FromRenameLine(ReadOnlySpan<char> name)
        => name.StartsWith('"') ? Unquote(name, out _) : name.ToString();

    static string? NullIfDevNull(string path) => path == "/dev/null" || path == "dev/null" ? null : path;

    // git apply's default -p1: drop everything up to the first '/', whatever the prefix (a/, b/, i/, w/, linux.orig/).
    static string StripPrefix(string path)
    {
        if (path == "/dev/null")
        {
            return path;
        }

        var slash = path.IndexOf('/');
        return slash >= 0 && slash < path.Length - 1 ? path[(slash + 1)..] : path;
    }

    static ReadOnlySpan<char> Stripped(ReadOnlySpan<char> path)
    {
        var slash = path.IndexOf('/');
        return slash >= 0 ? path[(slash + 1)..] : path;
    }

    /// <summary>Decodes a C-style quoted name starting at <paramref name="quoted"/>[0] == '"'; octal escapes are UTF-8 bytes.</summary>
    static string Unquote(ReadOnlySpan<char> quoted, out int used)
    {
        var bytes = new List<byte>(quoted.Length);
        Span<byte> utf8 = stackalloc byte[4];
        var i = 1;
        for (; i < quoted.Length && quoted[i] != '"'; i++)
        {
            var c = quoted[i];
            if (c != '\\' || i + 1 >= quoted.Length)
            {
                var rune = char.IsHighSurrogate(c) && i + 1 < quoted.Length && char.IsLowSurrogate(quoted[i + 1])
                    ? new Rune(c, quoted[++i])
                    : Rune.TryCreate(c, out var single) ? single : Rune.ReplacementChar;
                var written = rune.EncodeToUtf8(utf8);
                for (var b = 0; b < written; b++)
                {
                    bytes.Add(utf8[b]);
                }

                continue;
            }

            c = quoted[++i];
            if (c is >= '0' and <= '7')
            {
                var value = 0;
                var digits = 0;
                while (digits < 3 && i < quoted.Length && quoted[i] is >= '0' and <= '7')
                {
                    value = value * 8 + (quoted[i] - '0');
                    i++;
                    digits++;
                }

                i--;
                bytes.Add((byte)value);
                continue;
            }

            bytes.Add(c switch
            {
                'a' => 7,
                'b' => 8,
                't' => 9,
                'n' => 10,
                'v' => 11,
                'f' => 12,
                'r' => 13,
                _ => (byte)c,
            });
        }

        used = Math.Min(i + 1, quoted.Length);
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
