using System.Buffers;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using PatchReview.Core.Patches;

namespace PatchReview.Core.Series;

/// <summary>
/// A bottom-k MinHash sketch of a commit message or cover letter: the <see cref="Size"/> smallest hashes of its runs of
/// <see cref="ShingleWords"/> consecutive words (letters, digits and '_', case folded), trailer lines left out. Two
/// sketches estimate how much text two messages share, which is what carries a version across when its subject does
/// not: "net/smc: sync err info when TCP connection is refused" came back four days later as "net/smc: sync err code
/// when tcp connection was refused" with the same commit message word for word, from another address.
/// </summary>
public static class TextSketch
{
    public const int Size = 128;
    public const int ShingleWords = 4;

    /// <summary>Texts with fewer shingles than this ("Fix typo.") say too little to compare.</summary>
    public const int MinimumShingles = 8;

    public static List<long> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hashes = new BottomK(Size);
        Span<ulong> window = stackalloc ulong[ShingleWords];
        Span<ulong> ordered = stackalloc ulong[ShingleWords];
        var words = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (IsTrailer(line))
            {
                continue;
            }
            var rest = line;
            while (rest.IndexOfAny(WordChars) is var start and >= 0)
            {
                rest = rest[start..];
                var end = rest.IndexOfAnyExcept(WordChars);
                var word = end < 0 ? rest : rest[..end];
                rest = end < 0 ? default : rest[end..];
                // Words run on across line breaks, as the text is read.
                window[words % ShingleWords] = WordHash(word);
                words++;
                if (words >= ShingleWords)
                {
                    for (var i = 0; i < ShingleWords; i++)
                    {
                        ordered[i] = window[(words + i) % ShingleWords];
                    }
                    hashes.Add((long)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(ordered)));
                }
            }
        }
        return hashes.ToList();
    }

    /// <summary>Estimated Jaccard similarity (0..1) of the two sketched texts' shingles; exact below <see cref="Size"/> shingles.</summary>
    public static double Similarity(IReadOnlyList<long> a, IReadOnlyList<long> b) => MinHash.Similarity(a, b, Size);

    /// <summary>
    /// <c>Signed-off-by:</c>, <c>Reviewed-by:</c>, <c>Cc:</c>, <c>Fixes:</c>, <c>Link:</c> and the like: a re-sent
    /// version gains them without being any different.
    /// </summary>
    static bool IsTrailer(ReadOnlySpan<char> line)
    {
        var colon = line.IndexOf(':');
        if (colon <= 0 || line[..colon].ContainsAny(' ', '\t'))
        {
            return false;
        }
        var key = line[..colon];
        return TrailerKeys.IsPersonKey(key) || TrailerKeys.IsMailHeader(key) || key.Equals("Fixes", StringComparison.OrdinalIgnoreCase)
            || key.Equals("Link", StringComparison.OrdinalIgnoreCase) || key.Equals("Closes", StringComparison.OrdinalIgnoreCase)
            || key.Equals("Change-Id", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>FNV-1a over the word with ASCII letters folded to lower case; words are ASCII by construction.</summary>
    static ulong WordHash(ReadOnlySpan<char> word)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in word)
        {
            hash = (hash ^ (char.IsAsciiLetterUpper(c) ? (ulong)(c | 0x20) : c)) * 1099511628211UL;
        }
        return hash;
    }

    static readonly SearchValues<char> WordChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
}
