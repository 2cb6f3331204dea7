using System.Text;

namespace PatchReview.Core.Mail;

/// <summary>
/// Identifiers in angle brackets taken from raw header bytes: Message-IDs (RFC 5322 section 3.6.4) and List-Ids
/// (RFC 2919). A message's own id and the ids it names as parents are read the same way, so threading compares like
/// with like. Example: <c> &lt;20220427150138.GA2512703@nvidia.com&gt; (Jason's message)</c> gives
/// <c>20220427150138.GA2512703@nvidia.com</c>.
/// </summary>
internal static class BracketedId
{
    /// <summary>The text inside the first <c>&lt;...&gt;</c> pair (empty for <c>&lt;&gt;</c>), else the whole value trimmed.</summary>
    public static string First(ReadOnlySpan<byte> value)
        => NextPair(value, out var inner, out _) ? ToText(inner, collapseWhitespace: false) : ToText(value, collapseWhitespace: true);

    /// <summary>Adds every non-empty <c>&lt;id&gt;</c> token in order, skipping ids already in <paramref name="seen"/> (which it fills).</summary>
    public static void AddAll(ReadOnlySpan<byte> value, List<string> ids, HashSet<string> seen)
    {
        // Junk between ids is common: "In-Reply-To: <id> (Jane Doe's message of Tue, 3 May 2022)" from Gnus and
        // old mutt, or "Message from Jane <jane@x> of ... <id>" from others. Only bracketed tokens count.
        while (NextPair(value, out var inner, out var consumed))
        {
            var id = ToText(inner, collapseWhitespace: false);
            if (id.Length > 0 && seen.Add(id))
            {
                ids.Add(id);
            }

            value = value[consumed..];
        }
    }

    /// <summary>Finds the next <c>&lt;...&gt;</c>; for <c>&lt;a &lt;b&gt;</c> the innermost pair, <c>b</c>.</summary>
    private static bool NextPair(ReadOnlySpan<byte> value, out ReadOnlySpan<byte> inner, out int consumed)
    {
        var open = value.IndexOf((byte)'<');
        var close = open < 0 ? -1 : value[open..].IndexOf((byte)'>');
        if (close < 0)
        {
            inner = default;
            consumed = value.Length;
            return false;
        }

        inner = value.Slice(open + 1, close - 1);
        var nestedOpen = inner.LastIndexOf((byte)'<');
        if (nestedOpen >= 0)
        {
            inner = inner[(nestedOpen + 1)..];
        }

        consumed = open + close + 1;
        return true;
    }

    /// <summary>UTF-8 text with white space removed (or collapsed to single spaces and trimmed), NUL replaced by U+FFFD.</summary>
    private static string ToText(ReadOnlySpan<byte> bytes, bool collapseWhitespace)
    {
        bytes = bytes.Trim(" \t\r\n"u8);
        if (bytes.IsEmpty)
        {
            return "";
        }

        var buffer = bytes.Length <= 512 ? stackalloc byte[bytes.Length] : new byte[bytes.Length];
        var length = 0;
        var pendingSpace = false;
        // A long id can be folded inside its brackets; folding white space is never part of an id (RFC 5322 3.6.4).
        foreach (var b in bytes)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                pendingSpace = collapseWhitespace;
                continue;
            }

            if (pendingSpace)
            {
                buffer[length++] = (byte)' ';
                pendingSpace = false;
            }

            buffer[length++] = b;
        }

        return Encoding.UTF8.GetString(buffer[..length]).Replace('\0', '\uFFFD');
    }
}
