namespace PatchReview.Core.Review;

/// <summary>How deep a line is quoted: <c>&gt;&gt;</c>, <c>&gt; &gt;</c> and <c>&gt;  &gt;</c> are all depth 2.</summary>
public static class QuoteDepth
{
    /// <summary>The number of quote markers at the start of <paramref name="line"/>, and the text after them.</summary>
    public static int Of(ReadOnlySpan<char> line, out ReadOnlySpan<char> content)
    {
        var depth = 0;
        var i = 0;
        var end = 0;
        while (i < line.Length)
        {
            if (line[i] == '>')
            {
                depth++;
                i++;
                end = i;
            }
            else if (line[i] is ' ' or '\t' && line[i..].TrimStart(" \t").StartsWith('>'))
            {
                // "> > >", and ">  > " as re-wrapping mailers leave it: white space between markers belongs to them.
                i = line.Length - line[i..].TrimStart(" \t").Length;
            }
            else
            {
                break;
            }
        }
        content = line[end..];
        return depth;
    }
}
