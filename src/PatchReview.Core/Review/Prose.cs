using System.Text.RegularExpressions;

namespace PatchReview.Core.Review;

/// <summary>Review prose cut into sentences, for questions, proposals and agreements.</summary>
public static partial class Prose
{
    /// <summary>
    /// The sentences of a text: lines joined within a paragraph (mail wraps sentences at 72 columns), and a blank
    /// line always ending one, so that a link on a line of its own is not the start of the next sentence.
    /// </summary>
    public static IReadOnlyList<string> Sentences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. Paragraph().Split(text)
            .Select(p => string.Join(' ', p.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
            .SelectMany(p => SentenceEnd().Split(p)).Select(s => s.Trim()).Where(s => s.Length > 0)];
    }

    [GeneratedRegex(@"\n[ \t]*\n", RegexOptions.CultureInvariant)]
    private static partial Regex Paragraph();

    // A full stop ends a sentence, but not the one of "e.g." or "i.e.": "I can use e.g. CONFIG_VFIO_PCI_ZDEV_KVM" is one sentence.
    [GeneratedRegex(@"(?<=[.?!])(?<!\b(?:e\.g|i\.e|etc|vs|cf|approx)\.)\s+(?=\S)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SentenceEnd();
}
