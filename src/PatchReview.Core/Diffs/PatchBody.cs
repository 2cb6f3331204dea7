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
        var layout = Find(body);
        var span = body.AsSpan();
        var message = Message(span[layout.MessageStart..layout.MessageEnd]);
        var headers = layout.MessageStart > 0 ? Blank(span[..layout.MessageStart]) : null;
        if (layout.NotesStart < 0)
        {
            return new PatchBody(message, null, "", null) { InBodyHeaders = headers };
        }

        if (layout.DiffStart < 0)
        {
            return new PatchBody(message, Blank(span[layout.NotesStart..]), "", null) { InBodyHeaders = headers };
        }

        return new PatchBody(
            message,
            layout.DiffStart > layout.NotesStart ? Blank(span[layout.NotesStart..layout.DiffStart]) : null,
            body[layout.DiffStart..layout.DiffEnd],
            Blank(span[layout.DiffEnd..])) { InBodyHeaders = headers };
    }

    /// <summary>
    /// The commit message, as <see cref="Split"/> gives it, and where the diff lies in the body (an empty range when
    /// there is none), so that the diff is read in place (<see cref="GitDiff.Parse(string, Range)"/>) rather than copied:
    /// a patch's diff is most of its body, and every patch is read at import and again by the review analysis.
    /// </summary>
    public static (string CommitMessage, Range Diff) Locate(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var layout = Find(body);
        var message = Message(body.AsSpan(layout.MessageStart, layout.MessageEnd - layout.MessageStart));
        return (message, layout.DiffStart < 0 ? default : layout.DiffStart..layout.DiffEnd);
    }

    /// <summary>
    /// Where the parts begin and end in a body: the commit message from after any in-body headers to the break, the
    /// notes from the break (-1 when there is none) and the diff (-1 when there is none).
    /// </summary>
    readonly record struct Layout(int MessageStart, int MessageEnd, int NotesStart, int DiffStart, int DiffEnd);

    static Layout Find(string body)
    {
        var messageStart = InBodyHeadersEnd(body);
        var (breakStart, breakEnd, isSeparator) = FindBreak(body.AsSpan(), messageStart);
        if (breakStart < 0)
        {
            return new Layout(messageStart, body.Length, -1, -1, -1);
        }

        var notesStart = isSeparator ? breakEnd : breakStart;
        var diffStart = DiffScanner.FindStart(body, breakStart);
        if (diffStart < 0)
        {
            return new Layout(messageStart, breakStart, notesStart, -1, -1);
        }

        var scanner = new DiffScanner(body, diffStart);
        while (scanner.Next())
        {
        }

        return new Layout(messageStart, breakStart, notesStart, diffStart, scanner.End);
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
