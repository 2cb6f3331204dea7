using System.IO.Hashing;
using System.Text;
using PatchReview.Core.Diffs;
using PatchReview.Core.Series;
using Xunit;

namespace PatchReview.Core.Tests.Series;

public sealed class SketchTests
{
    /// <summary>A one-file, one-hunk git diff with the given lines (each starting with '+', '-' or ' ').</summary>
    static GitDiff Diff(string path, params string[] lines)
    {
        var removed = lines.Count(l => l[0] is '-' or ' ');
        var added = lines.Count(l => l[0] is '+' or ' ');
        return GitDiff.Parse($"""
            diff --git a/{path} b/{path}
            index 1111111..2222222 100644
            --- a/{path}
            +++ b/{path}
            @@ -1,{removed} +1,{added} @@
            {string.Join("\n", lines)}

            """);
    }

    [Fact]
    public void The_same_changed_lines_are_alike_whatever_the_context_and_white_space()
    {
        var a = DiffSketch.Of(Diff("drivers/s390/block/dasd.c", " int x;", "-\tbuf = kmalloc(len, GFP_KERNEL);", "+\tbuf = kzalloc(len, GFP_KERNEL);"));
        var b = DiffSketch.Of(Diff("drivers/s390/block/dasd.c", " int y;", "-buf = kmalloc(len,GFP_KERNEL);", "+  buf = kzalloc(len, GFP_KERNEL);"));

        Assert.Equal(2, a.Count);
        Assert.Equal(1.0, DiffSketch.Similarity(a, b));
    }

    [Theory]
    [InlineData("+\tbuf = kzalloc(len, GFP_KERNEL);")]
    [InlineData("-x\u00a0=\u00a01;")]
    public void A_changed_line_hashes_as_its_path_side_and_text_without_white_space(string line)
    {
        // Stored sketches are compared with sketches of later mail, so what is hashed must not change: the path and
        // the text less its white space in UTF-16, and the side as one byte. The long line outgrows any small buffer.
        foreach (var text in new[] { line, line + new string('y', 3000) })
        {
            const string path = "drivers/s390/block/dasd.c";
            byte[] bytes = [.. Encoding.Unicode.GetBytes(path), (byte)text[0], .. Encoding.Unicode.GetBytes(string.Concat(text[1..].Where(c => !char.IsWhiteSpace(c))))];

            Assert.Equal([(long)XxHash64.HashToUInt64(bytes)], DiffSketch.Of(Diff(path, text)));
        }
    }

    [Fact]
    public void The_file_and_the_side_of_a_line_are_part_of_it()
    {
        var removed = DiffSketch.Of(Diff("a.c", "-x = 1;"));
        var added = DiffSketch.Of(Diff("a.c", "+x = 1;"));
        var elsewhere = DiffSketch.Of(Diff("b.c", "-x = 1;"));

        Assert.Equal(0, DiffSketch.Similarity(removed, added));
        Assert.Equal(0, DiffSketch.Similarity(removed, elsewhere));
    }

    [Fact]
    public void Small_diffs_are_compared_exactly()
    {
        // Three changed lines shared of five in all.
        var a = DiffSketch.Of(Diff("a.c", "+one;", "+two;", "+three;", "+four;"));
        var b = DiffSketch.Of(Diff("a.c", "+one;", "+two;", "+three;", "+five;"));

        Assert.Equal(0.6, DiffSketch.Similarity(a, b), 10);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(10_000)]
    public void Bottom_k_keeps_the_k_smallest_distinct_values_in_order(int count)
    {
        // Hashes spread over the whole range, half of them added twice, in an order of their own.
        var random = new Random(count);
        var hashes = Enumerable.Range(0, count).Select(_ => random.NextInt64(long.MinValue, long.MaxValue)).ToList();
        var values = hashes.Concat(hashes.Take(count / 2)).OrderBy(_ => random.Next()).ToList();
        var kept = new BottomK(128);
        foreach (var value in values)
        {
            kept.Add(value);
        }

        Assert.Equal(values.Distinct().Order().Take(128), kept.ToList());
    }

    [Fact]
    public void Bottom_k_takes_a_value_between_the_two_largest_kept_after_cutting_back()
    {
        // 0, 10, ..., 2550: at 256 values the list is cut back to 0..1270, the 128 smallest.
        var kept = new BottomK(128);
        foreach (var value in Enumerable.Range(0, 256).Select(i => i * 10L))
        {
            kept.Add(value);
        }
        kept.Add(1265);
        kept.Add(1270);
        kept.Add(1275);

        Assert.Equal([.. Enumerable.Range(0, 127).Select(i => i * 10L), 1265], kept.ToList());
    }

    [Fact]
    public void A_sketch_keeps_the_smallest_hashes_sorted_and_estimates_large_diffs()
    {
        var lines = Enumerable.Range(0, 1000).Select(i => $"+line {i};").ToArray();
        var whole = DiffSketch.Of(Diff("big.c", lines));
        var half = DiffSketch.Of(Diff("big.c", [.. lines.Take(500), .. Enumerable.Range(0, 500).Select(i => $"+other {i};")]));

        Assert.Equal(DiffSketch.Size, whole.Count);
        Assert.Equal(whole.Order(), whole);
        // 500 shared of 1,500: a third, within the error of 128 hashes.
        Assert.InRange(DiffSketch.Similarity(whole, half), 0.2, 0.47);
    }

    [Fact]
    public void An_empty_sketch_is_like_nothing_and_order_of_a_stored_sketch_does_not_matter()
    {
        var a = DiffSketch.Of(Diff("a.c", "+one;", "+two;", "+three;"));

        Assert.Empty(DiffSketch.Of(GitDiff.Empty));
        Assert.Equal(0, DiffSketch.Similarity(a, []));
        Assert.Equal(0, DiffSketch.Similarity([], []));
        Assert.Equal(1.0, DiffSketch.Similarity(a, [.. a.AsEnumerable().Reverse()]));
    }

    const string Message = """
        gcc 12 warns if a memory operand to inline asm points to memory in the
        first 4k bytes. However, in our case, these operands are fine, either
        because we actually want to use that memory, or expect and handle the
        resulting exception.

        Signed-off-by: Janis Schoetterl-Glausch <scgl@linux.ibm.com>
        Reviewed-by: Claudio Imbrenda <imbrenda@linux.ibm.com>
        """;

    [Fact]
    public void Trailers_case_and_punctuation_do_not_change_a_text_sketch()
    {
        var plain = TextSketch.Of("""
            GCC 12 warns, if a memory operand to inline-asm points to memory in the first 4k bytes: however in our case
            these operands are fine (either because we actually want to use that memory or expect and handle the resulting exception)
            Cc: stable@vger.kernel.org
            Fixes: 0123456789ab ("s390x: something")
            Link: https://lore.kernel.org/r/x@y.org
            """);

        Assert.Equal(1.0, TextSketch.Similarity(TextSketch.Of(Message), plain));
    }

    [Fact]
    public void A_text_sketch_has_one_hash_per_run_of_four_words()
    {
        Assert.Equal(3, TextSketch.Of("one two three four five six").Count);
        Assert.Empty(TextSketch.Of("one two three"));
        Assert.Equal(2, TextSketch.Of("one two\nthree four\nfive").Count);
        // "a b c d a b c d" has five runs, the first and last the same.
        var repeated = TextSketch.Of("a b c d a b c d");
        Assert.Equal(4, repeated.Count);
        Assert.Contains(Assert.Single(TextSketch.Of("a b c d")), repeated);
    }

    [Fact]
    public void Word_order_matters_to_a_text_sketch()
    {
        var a = TextSketch.Of("the quick brown fox jumps over the lazy dog");
        var b = TextSketch.Of("dog lazy the over jumps fox brown quick the");

        Assert.Equal(0, TextSketch.Similarity(a, b));
    }

    [Fact]
    public void A_reworded_second_half_halves_the_likeness()
    {
        var a = TextSketch.Of("w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13");
        var b = TextSketch.Of("w1 w2 w3 w4 w5 w6 w7 x8 x9 x10 x11 x12 x13");

        // 10 shingles each, 4 shared: 4 of 16.
        Assert.Equal(0.25, TextSketch.Similarity(a, b), 10);
    }
}
