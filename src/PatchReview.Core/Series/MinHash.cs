namespace PatchReview.Core.Series;

/// <summary>
/// Bottom-k MinHash: a set is kept as its k smallest 64-bit hashes, sorted ascending, and two such sketches estimate
/// the Jaccard similarity of the two sets. A set of at most k elements is sketched whole, and then the estimate is exact.
/// </summary>
internal static class MinHash
{
    /// <summary>Adds <paramref name="value"/> to the <paramref name="size"/> smallest values kept in <paramref name="kept"/>.</summary>
    public static void Add(SortedSet<long> kept, long value, int size)
    {
        if (kept.Count < size)
        {
            kept.Add(value);
        }
        else if (value < kept.Max && kept.Add(value))
        {
            kept.Remove(kept.Max);
        }
    }

    /// <summary>Estimated Jaccard similarity (0..1) of the two sketched sets; 0 when either is empty.</summary>
    public static double Similarity(IReadOnlyList<long> a, IReadOnlyList<long> b, int size)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        // Stored sketches come back in the order they were written; sort a copy only if someone wrote them otherwise.
        var left = Sorted(a);
        var right = Sorted(b);
        // Among the k smallest hashes of the union, the share found in both.
        var k = 0;
        var shared = 0;
        int i = 0, j = 0;
        while (k < size && (i < left.Count || j < right.Count))
        {
            if (j == right.Count || (i < left.Count && left[i] < right[j]))
            {
                i++;
            }
            else if (i == left.Count || right[j] < left[i])
            {
                j++;
            }
            else
            {
                shared++;
                i++;
                j++;
            }
            k++;
        }
        return (double)shared / k;
    }

    static IReadOnlyList<long> Sorted(IReadOnlyList<long> values)
    {
        for (var i = 1; i < values.Count; i++)
        {
            if (values[i - 1] >= values[i])
            {
                return [.. values.Distinct().Order()];
            }
        }
        return values;
    }
}
