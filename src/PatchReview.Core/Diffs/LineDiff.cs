using System.Text;

namespace PatchReview.Core.Diffs;

/// <summary>
/// A shortest edit script between two sequences of line keys (Myers 1986, "An O(ND) Difference Algorithm", with
/// the linear-space middle-snake split), written out as unified diff hunks.
/// <code>
/// LineDiff.Compare([1, 2, 3], [1, 3, 4]) // Removed = [false, true, false], Added = [false, false, true]
/// </code>
/// </summary>
/// <remarks>
/// Past <see cref="MaxCost"/> edits in one region the search stops and the region is reported as replaced whole:
/// still a correct diff, only not a minimal one, so two unrelated versions of a large file cannot take seconds.
/// </remarks>
internal sealed class LineDiff
{
    const int MaxCost = 1024;

    readonly int[] _a;
    readonly int[] _b;
    int[] _forward = [];
    int[] _backward = [];

    LineDiff(int[] a, int[] b)
    {
        _a = a;
        _b = b;
        Removed = new bool[a.Length];
        Added = new bool[b.Length];
    }

    /// <summary>Which lines of the old sequence are removed.</summary>
    public bool[] Removed { get; }
    /// <summary>Which lines of the new sequence are added.</summary>
    public bool[] Added { get; }

    public bool HasChanges => Removed.AsSpan().Contains(true) || Added.AsSpan().Contains(true);

    public static LineDiff Compare(int[] a, int[] b)
    {
        var diff = new LineDiff(a, b);
        diff.Run();
        return diff;
    }

    void Run()
    {
        var pending = new Stack<(int ALo, int AHi, int BLo, int BHi)>();
        pending.Push((0, _a.Length, 0, _b.Length));
        while (pending.TryPop(out var region))
        {
            var (aLo, aHi, bLo, bHi) = region;
            while (aLo < aHi && bLo < bHi && _a[aLo] == _b[bLo])
            {
                aLo++;
                bLo++;
            }

            while (aLo < aHi && bLo < bHi && _a[aHi - 1] == _b[bHi - 1])
            {
                aHi--;
                bHi--;
            }

            if (aLo == aHi || bLo == bHi || !Bisect(aLo, aHi, bLo, bHi, out var x, out var y))
            {
                Removed.AsSpan(aLo, aHi - aLo).Fill(true);
                Added.AsSpan(bLo, bHi - bLo).Fill(true);
                continue;
            }

            pending.Push((x, aHi, y, bHi));
            pending.Push((aLo, x, bLo, y));
        }
    }

    // Searches from both ends at once until the paths overlap; the overlap point splits the region in two. Both
    // ends differ here (common prefix and suffix were taken), so the split always makes both halves smaller.
    bool Bisect(int aLo, int aHi, int bLo, int bHi, out int splitA, out int splitB)
    {
        var n = aHi - aLo;
        var m = bHi - bLo;
        var maxD = (n + m + 1) / 2;
        var offset = maxD;
        var length = 2 * maxD + 2;
        if (_forward.Length < length)
        {
            _forward = new int[length];
            _backward = new int[length];
        }

        var v1 = _forward.AsSpan(0, length);
        var v2 = _backward.AsSpan(0, length);
        v1.Fill(-1);
        v2.Fill(-1);
        v1[offset + 1] = 0;
        v2[offset + 1] = 0;
        var delta = n - m;
        var front = delta % 2 != 0;
        int k1Start = 0, k1End = 0, k2Start = 0, k2End = 0;
        for (var d = 0; d < maxD && d <= MaxCost; d++)
        {
            for (var k1 = -d + k1Start; k1 <= d - k1End; k1 += 2)
            {
                var k1Offset = offset + k1;
                var x1 = k1 == -d || (k1 != d && v1[k1Offset - 1] < v1[k1Offset + 1]) ? v1[k1Offset + 1] : v1[k1Offset - 1] + 1;
                var y1 = x1 - k1;
                while (x1 < n && y1 < m && _a[aLo + x1] == _b[bLo + y1])
                {
                    x1++;
                    y1++;
                }

                v1[k1Offset] = x1;
                if (x1 > n)
                {
                    k1End += 2;
                }
                else if (y1 > m)
                {
                    k1Start += 2;
                }
                else if (front)
                {
                    var k2Offset = offset + delta - k1;
                    if (k2Offset >= 0 && k2Offset < length && v2[k2Offset] != -1 && x1 >= n - v2[k2Offset])
                    {
                        (splitA, splitB) = (aLo + x1, bLo + y1);
                        return true;
                    }
                }
            }

            for (var k2 = -d + k2Start; k2 <= d - k2End; k2 += 2)
            {
                var k2Offset = offset + k2;
                var x2 = k2 == -d || (k2 != d && v2[k2Offset - 1] < v2[k2Offset + 1]) ? v2[k2Offset + 1] : v2[k2Offset - 1] + 1;
                var y2 = x2 - k2;
                while (x2 < n && y2 < m && _a[aHi - x2 - 1] == _b[bHi - y2 - 1])
                {
                    x2++;
                    y2++;
                }

                v2[k2Offset] = x2;
                if (x2 > n)
                {
                    k2End += 2;
                }
                else if (y2 > m)
                {
                    k2Start += 2;
                }
                else if (!front)
                {
                    var k1Offset = offset + delta - k2;
                    if (k1Offset >= 0 && k1Offset < length && v1[k1Offset] != -1)
                    {
                        var x1 = v1[k1Offset];
                        var y1 = offset + x1 - k1Offset;
                        if (x1 >= n - x2)
                        {
                            (splitA, splitB) = (aLo + x1, bLo + y1);
                            return true;
                        }
                    }
                }
            }
        }

        (splitA, splitB) = (0, 0);
        return false;
    }

    /// <summary>
    /// Writes the hunks of this diff in unified format with <paramref name="context"/> lines around each change;
    /// unchanged lines are shown as they read in the new sequence. Counts of 1 are left out, as git does.
    /// </summary>
    public void WriteHunks(StringBuilder output, IReadOnlyList<string> oldLines, IReadOnlyList<string> newLines, int context = 3)
    {
        var ops = new List<(char Op, int Old, int New)>(Math.Max(oldLines.Count, newLines.Count));
        for (int i = 0, j = 0; i < Removed.Length || j < Added.Length;)
        {
            if (i < Removed.Length && Removed[i])
            {
                ops.Add(('-', i++, j));
            }
            else if (j < Added.Length && Added[j])
            {
                ops.Add(('+', i, j++));
            }
            else
            {
                ops.Add((' ', i++, j++));
            }
        }

        for (var index = 0; index < ops.Count;)
        {
            if (ops[index].Op == ' ')
            {
                index++;
                continue;
            }

            var first = Math.Max(0, index - context);
            var last = index;
            for (var scan = index; scan < ops.Count; scan++)
            {
                if (ops[scan].Op != ' ')
                {
                    last = scan;
                }
                else if (scan - last > 2 * context)
                {
                    break;
                }
            }

            var end = Math.Min(ops.Count, last + context + 1);
            var oldCount = 0;
            var newCount = 0;
            for (var k = first; k < end; k++)
            {
                oldCount += ops[k].Op == '+' ? 0 : 1;
                newCount += ops[k].Op == '-' ? 0 : 1;
            }

            output.Append("@@ -");
            Range(output, ops[first].Old, oldCount);
            output.Append(" +");
            Range(output, ops[first].New, newCount);
            output.Append(" @@\n");
            for (var k = first; k < end; k++)
            {
                var (op, oldIndex, newIndex) = ops[k];
                output.Append(op).Append(op == '-' ? oldLines[oldIndex] : newLines[newIndex]).Append('\n');
            }

            index = end;
        }
    }

    // "-l,s": l is the 1-based first line, or the line before the hunk when s is 0.
    static void Range(StringBuilder output, int index, int count)
    {
        output.Append(count == 0 ? index : index + 1);
        if (count != 1)
        {
            output.Append(',').Append(count);
        }
    }
}
