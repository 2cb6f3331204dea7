namespace PatchReview.Core.Diffs;

/// <summary>
/// The parts of a patch mail body, as <c>git format-patch</c> lays them out and <c>git am</c> reads them back:
/// <code>
/// Ensure the s390 PCI passthrough ...           ← CommitMessage (trailers included)
///
/// Signed-off-by: Matthew Rosato &lt;mjrosato@linux.ibm.com&gt;
/// ---                                           ← the separator
///  arch/s390/kvm/pci.c | 12 ++++++++++--          ← Notes: diffstat, "Changes since v2:"
///  1 file changed, 10 insertions(+), 2 deletions(-)
///
/// diff --git a/arch/s390/kvm/pci.c b/...        ← Diff, to the last line of its last hunk
/// ...
/// --                                            ← Signature: "-- " and the git version
/// 2.27.0
/// </code>
/// </summary>
/// <param name="CommitMessage">The text above the separator (or above the diff when there is none), trailing blank lines removed.</param>
/// <param name="Notes">The text between the separator and the diff, blank lines around it removed; null when there is none.</param>
/// <param name="Diff">The diff, from its first header line through the last line of its last hunk; empty when the body has none.</param>
/// <param name="Signature">The text after the diff, usually <c>-- </c> and the git version; null when there is none.</param>
public sealed record PatchBody(string CommitMessage, string? Notes, string Diff, string? Signature)
{
    /// <summary>
    /// <c>From:</c>, <c>Date:</c> and <c>Subject:</c> lines at the top of the body, which git am reads as the
    /// commit's author, date and subject rather than as message text; null when there are none. A maintainer
    /// re-sending someone's patch starts the body with <c>From: Matthew Rosato &lt;mjrosato@linux.ibm.com&gt;</c>.
    /// </summary>
    public string? InBodyHeaders { get; init; }

    /// <summary>Splits a decoded body (LF line ends). A body without a diff is all commit message.</summary>
    public static PatchBody Split(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var headersEnd = InBodyHeadersEnd(body);
        var headers = headersEnd > 0 ? Blank(body.AsSpan(0, headersEnd)) : null;
        return SplitMessage(body, headersEnd) with { InBodyHeaders = headers };
    }

    static PatchBody SplitMessage(string body, int messageStart)
    {
        var span = body.AsSpan();
        var (breakStart, breakEnd, isSeparator) = FindBreak(span, messageStart);
        if (breakStart < 0)
        {
            return new PatchBody(Message(span[messageStart..]), null, "", null);
        }

        var notesStart = isSeparator ? breakEnd : breakStart;
        var diffStart = DiffScanner.FindStart(body, breakStart);
        if (diffStart < 0)
        {
            return new PatchBody(Message(span[messageStart..breakStart]), Blank(span[notesStart..]), "", null);
        }

        var scanner = new DiffScanner(body, diffStart);
        while (scanner.Next())
        {
        }

        var diffEnd = scanner.End;
        return new PatchBody(
            Message(span[messageStart..breakStart]),
            diffStart > notesStart ? Blank(span[notesStart..diffStart]) : null,
            body[diffStart..diffEnd],
            Blank(span[diffEnd..]));
    }

    /// <summary>
    /// The first line where git am stops taking the commit message (mailinfo's patchbreak): <c>---</c> with nothing
    /// but white space after it (the separator), <c>--- name</c>, <c>diff -</c>, or <c>Index: </c>.
    /// </summary>
    static (int Start, int End, bool IsSeparator) FindBreak(ReadOnlySpan<char> body, int from)
    {
        for (var start = from; start < body.Length;)
        {
            var end = DiffScanner.LineEnd(body, start);
            var line = body[start..end];
            var next = end < body.Length ? end + 1 : end;
            if (line.StartsWith("diff -") || line.StartsWith("Index: "))
            {
                return (start, next, false);
            }

            if (line.StartsWith("---"))
            {
                var rest = line[3..];
                if (rest.Length >= 2 && rest[0] == ' ' && !char.IsWhiteSpace(rest[1]))
                {
                    return (start, next, false);
                }

                if (rest.IsWhiteSpace())
                {
                    return (start, next, true);
                }
            }

            start = next;
        }

        return (-1, -1, false);
    }

    // mailinfo's in-body headers: after leading blank lines, a run of "From:", "Date:" or "Subject:" lines (any
    // case) ended by a blank line. Returns where the message starts after them, or 0 when there are none.
    static int InBodyHeadersEnd(string body)
    {
        var span = body.AsSpan();
        var start = span.IndexOfAnyExcept('\n');
        if (start < 0 || !IsInBodyHeader(span[start..]))
        {
            return 0;
        }

        while (start < span.Length)
        {
            var end = DiffScanner.LineEnd(span, start);
            var line = span[start..end];
            var next = end < span.Length ? end + 1 : end;
            if (line.IsWhiteSpace())
            {
                return next;
            }

            if (!IsInBodyHeader(line))
            {
                return 0;
            }

            start = next;
        }

        return start;
    }

    static bool IsInBodyHeader(ReadOnlySpan<char> line)
        => line.StartsWith("From:", StringComparison.OrdinalIgnoreCase)
           || line.StartsWith("Date:", StringComparison.OrdinalIgnoreCase)
           || line.StartsWith("Subject:", StringComparison.OrdinalIgnoreCase);

    static string Message(ReadOnlySpan<char> text) => text.TrimStart('\n').TrimEnd().ToString();

    static string? Blank(ReadOnlySpan<char> text)
    {
        var trimmed = text.TrimStart('\n').TrimEnd();
        return trimmed.IsEmpty ? null : trimmed.ToString();
    }
}
