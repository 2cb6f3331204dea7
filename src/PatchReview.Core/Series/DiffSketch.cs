using System.IO.Hashing;
using System.Runtime.InteropServices;
using PatchReview.Core.Diffs;

namespace PatchReview.Core.Series;

/// <summary>
/// A bottom-k MinHash sketch of a diff: the <see cref="Size"/> smallest 64-bit hashes of its changed lines (file,
/// side and text with white space removed). Two sketches estimate the Jaccard similarity of the two diffs' changed
/// lines without their text, so versions of a reworked patch can be matched from stored rows alone.
/// </summary>
public static class DiffSketch
{
    public const int Size = 128;

    public static List<long> Of(GitDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var hashes = new SortedSet<long>();
        Span<char> buffer = stackalloc char[512];
        foreach (var file in diff.Files)
        {
            var path = file.Path;
            foreach (var hunk in file.Hunks)
            {
                foreach (var line in hunk.Lines)
                {
                    if (line.Kind == DiffLineKind.Context)
                    {
                        continue;
                    }
                    var hash = new XxHash64();
                    hash.Append(MemoryMarshal.AsBytes(path.AsSpan()));
                    hash.Append([(byte)(line.Kind == DiffLineKind.Added ? '+' : '-')]);
                    var text = line.Content.Span;
                    var written = 0;
                    foreach (var c in text)
                    {
                        if (!char.IsWhiteSpace(c))
                        {
                            if (written == buffer.Length)
                            {
                                hash.Append(MemoryMarshal.AsBytes(buffer));
                                written = 0;
                            }
                            buffer[written++] = c;
                        }
                    }
                    hash.Append(MemoryMarshal.AsBytes(buffer[..written]));
                    var value = (long)hash.GetCurrentHashAsUInt64();
                    if (hashes.Count < Size)
                    {
                        hashes.Add(value);
                    }
                    else if (value < hashes.Max && hashes.Add(value))
                    {
                        hashes.Remove(hashes.Max);
                    }
                }
            }
        }
        return [.. hashes];
    }

    /// <summary>Estimated Jaccard similarity (0..1) of the two sketched diffs.</summary>
    public static double Similarity(IReadOnlyList<long> a, IReadOnlyList<long> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        // Bottom-k estimator: among the k smallest hashes of the union, the share found in both. Diffs with fewer
        // than Size changed lines are sketched whole, and then this is their exact Jaccard similarity.
        var union = new SortedSet<long>(a);
        union.UnionWith(b);
        var k = Math.Min(Size, union.Count);
        var setA = a.ToHashSet();
        var setB = b.ToHashSet();
        var shared = union.Take(k).Count(value => setA.Contains(value) && setB.Contains(value));
        return (double)shared / k;
    }
}
