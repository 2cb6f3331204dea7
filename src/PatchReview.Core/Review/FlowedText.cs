using System.Text;

namespace PatchReview.Core.Review;

/// <summary>
/// Undoes <c>format=flowed</c> (RFC 3676): a line that ends in a space continues on the next line of the same quote
/// depth, and one leading space after the quote markers is stuffing. 79% of the zPCI inline reviews are flowed, so
/// quoted diff lines must be joined back before anything is matched against them.
/// </summary>
public static class FlowedText
{
    /// <summary>The text with soft line breaks joined; quote markers are normalised to <c>&gt;</c> per level.</summary>
    /// <param name="delSp">RFC 3676 section 4.2: with <c>delsp=yes</c> the space before a soft break is deleted too.</param>
    public static string Unflow(string text, bool delSp)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length);
        var pendingDepth = -1;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            var depth = QuoteDepth.Of(raw, out var content);
            // Section 4.4: a space after the quote markers (or opening an unquoted line) is stuffing.
            if (content.StartsWith(' '))
            {
                content = content[1..];
            }
            // Section 4.3: the signature separator "-- " is never a flowed line.
            var isSignature = content.SequenceEqual("-- ");
            var soft = !isSignature && content.EndsWith(' ');
            if (pendingDepth >= 0 && pendingDepth != depth)
            {
                // A flowed line followed by a line of another depth ends its paragraph there (section 4.5).
                result.Append('\n');
            }
            if (pendingDepth != depth)
            {
                result.Append('>', depth);
                if (depth > 0)
                {
                    result.Append(' ');
                }
            }
            result.Append(soft && delSp ? content[..^1] : content);
            if (soft)
            {
                pendingDepth = depth;
            }
            else
            {
                result.Append('\n');
                pendingDepth = -1;
            }
        }
        if (pendingDepth >= 0)
        {
            result.Append('\n');
        }
        return result.ToString();
    }
}
