using System.Text;
using PatchReview.Core.Diffs;
using Xunit;

namespace PatchReview.Core.Tests.Diffs;

public sealed class LineDiffTests
{
    [Theory]
    [InlineData("abc", "abc", "", "")]
    [InlineData("abc", "ac", "-b", "")]
    [InlineData("ac", "abc", "", "+b")]
    [InlineData("abc", "xyz", "-a-b-c", "+x+y+z")]
    [InlineData("", "ab", "", "+a+b")]
    [InlineData("ab", "", "-a-b", "")]
    public void Marks_the_removed_and_added_lines(string a, string b, string removed, string added)
    {
        var diff = LineDiff.Compare(Ids(a), Ids(b));

        Assert.Equal(removed, string.Concat(a.Where((_, i) => diff.Removed[i]).Select(c => "-" + c)));
        Assert.Equal(added, string.Concat(b.Where((_, i) => diff.Added[i]).Select(c => "+" + c)));
        Assert.Equal(removed.Length + added.Length > 0, diff.HasChanges);
    }

    [Fact]
    public void Myers_paper_example_takes_five_edits()
    {
        var diff = LineDiff.Compare(Ids("abcabba"), Ids("cbabac"));

        Assert.Equal(5, diff.Removed.Count(r => r) + diff.Added.Count(a => a));
    }

    [Fact]
    public void Edit_script_is_valid_and_as_short_as_the_longest_common_subsequence_allows()
    {
        var random = new Random(20220606);
        for (var round = 0; round < 2000; round++)
        {
            var a = Enumerable.Range(0, random.Next(0, 14)).Select(_ => random.Next(0, 4)).ToArray();
            var b = Enumerable.Range(0, random.Next(0, 14)).Select(_ => random.Next(0, 4)).ToArray();

            var diff = LineDiff.Compare(a, b);

            var keptA = a.Where((_, i) => !diff.Removed[i]).ToArray();
            var keptB = b.Where((_, i) => !diff.Added[i]).ToArray();
            Assert.Equal(keptA, keptB);
            Assert.Equal(Lcs(a, b), keptA.Length);
        }
    }

    [Fact]
    public void Unrelated_large_inputs_are_replaced_whole()
    {
        var a = Enumerable.Range(0, 3000).ToArray();
        var b = Enumerable.Range(5000, 3000).ToArray();

        var diff = LineDiff.Compare(a, b);

        Assert.All(diff.Removed, Assert.True);
        Assert.All(diff.Added, Assert.True);
    }

    [Fact]
    public void Hunks_carry_three_lines_of_context_and_merge_when_close()
    {
        var oldLines = Enumerable.Range(1, 20).Select(i => $"line {i}").ToList();
        var newLines = oldLines.ToList();
        newLines[1] = "line two";
        newLines[6] = "line seven";
        newLines.RemoveAt(17);
        var output = new StringBuilder();

        Diff(oldLines, newLines).WriteHunks(output, oldLines, newLines);

        Assert.Equal(string.Join('\n',
            "@@ -1,10 +1,10 @@",
            " line 1",
            "-line 2",
            "+line two",
            " line 3",
            " line 4",
            " line 5",
            " line 6",
            "-line 7",
            "+line seven",
            " line 8",
            " line 9",
            " line 10",
            "@@ -15,6 +15,5 @@",
            " line 15",
            " line 16",
            " line 17",
            "-line 18",
            " line 19",
            " line 20",
            ""), output.ToString());
    }

    [Fact]
    public void Hunk_ranges_follow_unified_diff_for_empty_sides_and_single_lines()
    {
        var output = new StringBuilder();
        Diff([], ["only"]).WriteHunks(output, [], ["only"]);
        Diff(["only"], []).WriteHunks(output, ["only"], []);

        Assert.Equal("@@ -0,0 +1 @@\n+only\n@@ -1 +0,0 @@\n-only\n", output.ToString());
    }

    static LineDiff Diff(List<string> a, List<string> b)
    {
        var ids = new Dictionary<string, int>();
        int Id(string line) => ids.TryGetValue(line, out var id) ? id : ids[line] = ids.Count;
        return LineDiff.Compare(a.Select(Id).ToArray(), b.Select(Id).ToArray());
    }

    static int[] Ids(string text) => text.Select(c => (int)c).ToArray();

    static int Lcs(int[] a, int[] b)
    {
        var table = new int[a.Length + 1, b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                table[i, j] = a[i - 1] == b[j - 1] ? table[i - 1, j - 1] + 1 : Math.Max(table[i - 1, j], table[i, j - 1]);
            }
        }

        return table[a.Length, b.Length];
    }
}
