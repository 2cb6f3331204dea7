namespace PatchReview.Core.Patches;

/// <summary>The trailer keys PatchReview knows by name, and how a written key is spelled canonically.</summary>
internal static class TrailerKeys
{
    // The spellings of Documentation/process/submitting-patches.rst and of git itself.
    private static readonly string[] Known =
    [
        "Signed-off-by", "Reviewed-by", "Acked-by", "Tested-by", "Reported-by", "Suggested-by", "Co-developed-by",
        "Reported-and-tested-by", "Requested-by", "Debugged-by", "Helped-by", "Originally-by", "Based-on-patch-by",
        "Fixes", "Link", "Closes", "Cc", "Message-Id", "Change-Id",
    ];

    // Lines a mailer writes when it pastes or forwards a message: "From: Christoph Hellwig <hch@lst.de> Sent: ...".
    private static readonly string[] MailHeaders =
    [
        "From", "To", "Cc", "Bcc", "Subject", "Date", "Sent", "Reply-To", "Message-Id", "In-Reply-To", "References",
    ];

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> KnownLookup =
        Known.ToDictionary(k => k, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> MailHeaderLookup =
        MailHeaders.ToHashSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// "reviewed-By" is "Reviewed-by"; an unknown <c>*-by</c> key takes the kernel's shape ("Not-Acked-by" is
    /// "Not-acked-by"); any other unknown key stays as written, as git keeps it.
    /// </summary>
    public static string Canonical(ReadOnlySpan<char> key)
    {
        if (KnownLookup.TryGetValue(key, out var known))
        {
            return known;
        }

        if (!IsPersonKey(key))
        {
            return key.ToString();
        }

        return string.Create(key.Length, key, static (chars, written) =>
        {
            written.ToLowerInvariant(chars);
            chars[0] = char.ToUpperInvariant(chars[0]);
        });
    }

    /// <summary>Known trailers that are mail header names too; in a reply they are header lookalikes.</summary>
    public static bool IsMailHeader(ReadOnlySpan<char> key) => MailHeaderLookup.Contains(key);

    /// <summary>
    /// Letters in hyphen-joined words ending in "-by": "Reviewed-by", "Reported-and-tested-by", "Not-Acked-by".
    /// </summary>
    public static bool IsPersonKey(ReadOnlySpan<char> key)
    {
        if (key.Length < 4 || !key.EndsWith("-by", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var previous = '-';
        foreach (var c in key)
        {
            if (c == '-' ? previous == '-' : !char.IsAsciiLetter(c))
            {
                return false;
            }

            previous = c;
        }

        return true;
    }

    /// <summary>Keys whose value is a person: every <c>*-by</c> key and <c>Cc</c>.</summary>
    public static bool NamesPerson(ReadOnlySpan<char> key) => IsPersonKey(key) || key.Equals("Cc", StringComparison.OrdinalIgnoreCase);
}
