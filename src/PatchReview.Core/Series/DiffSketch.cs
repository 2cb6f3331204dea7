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
        var hashes = new BottomK(Size);
        Span<char> buffer = stackalloc char[512];
        var hash = new XxHash64();
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
                    hash.Reset();
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
                    hashes.Add((long)hash.GetCurrentHashAsUInt64());
                }
            }
        }
        return hashes.ToList();
    }

    /// <summary>
    /// Estimated Jaccard similarity (0..1) of the two sketched diffs' changed lines: exact for diffs of fewer than
    /// <see cref="Size"/> changed lines, 0 when either has none.
    /// </summary>
    public static double Similarity(IReadOnlyList<long> a, IReadOnlyList<long> b) => MinHash.Similarity(a, b, Size);
}
