using PatchReview.Core.Series;
using Xunit;

namespace PatchReview.Core.Tests.Series;

public sealed class PatchMatrixTests
{
    static MatrixPatch Patch(string id, int index, string title, string? patchId = null) =>
        new(id, index, title, title.ToLowerInvariant(), patchId);

    /// <summary>Diff similarity by pairs of Message-IDs, in either order; 0 for any pair not named.</summary>
    static Func<string, string, double> Similar(params (string A, string B, double Score)[] pairs) => (a, b) =>
        pairs.FirstOrDefault(p => (p.A == a && p.B == b) || (p.A == b && p.B == a)).Score;

    static readonly Func<string, string, double> Unlike = Similar();

    static string Render(IReadOnlyList<MatrixRow> rows, int versions) => string.Join("\n", rows.Select(row =>
        $"{row.Title}: " + string.Join(" ", Enumerable.Range(0, versions).Select(v => row.Cells.TryGetValue(v, out var c)
            ? $"{c.MessageId}({c.Change.ToString()[0]}{(c.PreviousMessageId is null ? "" : "<" + c.PreviousMessageId)}{(c.SplitFromMessageId is null ? "" : " split " + c.SplitFromMessageId)})"
            : "-"))));

    [Fact]
    public void The_same_patch_id_is_the_same_patch_unchanged_whatever_its_index_and_title()
    {
        var rows = PatchMatrix.Build(
            [
                [Patch("a1", 1, "s390: one", "p-one"), Patch("a2", 2, "s390: two", "p-two")],
                [Patch("b1", 1, "s390: new first"), Patch("b2", 2, "s390: one, renamed", "p-one"), Patch("b3", 3, "s390: two", "p-two")],
            ],
            Unlike);

        Assert.Equal("""
            s390: new first: - b1(N)
            s390: one, renamed: a1(N) b2(U<a1)
            s390: two: a2(N) b3(U<a2)
            """, Render(rows, 2));
    }

    [Fact]
    public void The_same_title_with_another_patch_id_is_the_same_patch_modified()
    {
        // zPCI's v6 16/21 is v7 17/22: a patch was added in front of it and it was reworked.
        var rows = PatchMatrix.Build(
            [
                [Patch("v6-16", 16, "vfio-pci/zdev: add open/close device hooks", "x")],
                [Patch("v7-16", 16, "KVM: s390: pci: new one", "y"), Patch("v7-17", 17, "vfio-pci/zdev: add open/close device hooks", "z")],
            ],
            Unlike);

        Assert.Equal("""
            KVM: s390: pci: new one: - v7-16(N)
            vfio-pci/zdev: add open/close device hooks: v6-16(N) v7-17(M<v6-16)
            """, Render(rows, 2));
    }

    [Fact]
    public void A_retitled_patch_is_found_by_its_diff_when_it_is_similar_enough()
    {
        var rows = PatchMatrix.Build(
            [
                [Patch("a1", 1, "s390x: KVM: guest support for topology function"), Patch("a2", 2, "s390x: KVM: resetting the Topology-Change-Report")],
                [Patch("b1", 1, "KVM: s390: guest support for topology function"), Patch("b2", 2, "KVM: s390: topology change report, reset")],
            ],
            Similar(("a1", "b1", 0.9), ("a2", "b2", PatchMatrix.SimilarityThreshold), ("a1", "b2", 0.2)));

        Assert.Equal(["b1(M<a1)", "b2(M<a2)"], rows.Select(r => Render([r], 2).Split(' ')[^1]));
    }

    [Fact]
    public void A_diff_less_similar_than_the_threshold_is_a_new_patch_and_the_old_one_is_dropped()
    {
        var rows = PatchMatrix.Build(
            [
                [Patch("a1", 1, "s390: old idea")],
                [Patch("b1", 1, "s390: new idea")],
            ],
            Similar(("a1", "b1", 0.3)));

        Assert.Equal("""
            s390: new idea: - b1(N)
            s390: old idea: a1(N) -
            """, Render(rows, 2));
        Assert.Equal([false, true], rows.Select(r => r.IsDropped(2)));
    }

    [Fact]
    public void The_most_similar_pairs_are_matched_first()
    {
        // b1 is a little like a1 and much like a2; a2 must go to b1, and a1 to b2.
        var rows = PatchMatrix.Build(
            [
                [Patch("a1", 1, "one"), Patch("a2", 2, "two")],
                [Patch("b1", 1, "uno"), Patch("b2", 2, "dos")],
            ],
            Similar(("a1", "b1", 0.4), ("a2", "b1", 0.9), ("a1", "b2", 0.5)));

        Assert.Equal("""
            uno: a2(N) b1(M<a2)
            dos: a1(N) b2(M<a1)
            """, Render(rows, 2));
    }

    [Fact]
    public void A_patch_dropped_from_the_last_version_comes_after_the_others()
    {
        // zPCI v9: "Remove patch 'KVM: s390: introduce CPU feature for zPCI Interpretation'" (22 → 21 patches).
        var rows = PatchMatrix.Build(
            [
                [Patch("a1", 1, "one", "1"), Patch("a2", 2, "introduce CPU feature", "2"), Patch("a3", 3, "three", "3")],
                [Patch("b1", 1, "one", "1"), Patch("b2", 2, "three", "3")],
            ],
            Unlike);

        Assert.Equal(["one", "three", "introduce CPU feature"], rows.Select(r => r.Title));
        Assert.Equal([false, false, true], rows.Select(r => r.IsDropped(2)));
    }

    [Fact]
    public void A_patch_that_comes_back_after_a_version_without_it_continues_its_row()
    {
        // kvm-unit-tests diag308: in v2 of "Cleanup and maintenance 4", re-posted alone as v3, folded back into v3 00/11.
        var rows = PatchMatrix.Build(
            [
                [Patch("a1", 1, "one", "1"), Patch("a2", 2, "diag308: only test subcode 2 under QEMU", "d")],
                [Patch("b1", 1, "one", "1")],
                [Patch("c1", 1, "one", "1"), Patch("c2", 2, "diag308: only test subcode 2 under QEMU", "d2")],
            ],
            Unlike);

        Assert.Equal("""
            one: a1(N) b1(U<a1) c1(U<b1)
            diag308: only test subcode 2 under QEMU: a2(N) - c2(M<a2)
            """, Render(rows, 3));
    }

    [Fact]
    public void A_new_patch_carved_out_of_a_patch_that_went_on_is_marked_as_split_from_it()
    {
        var rows = PatchMatrix.Build(
            [
                [Patch("a1", 1, "s390: big change")],
                [Patch("b1", 1, "s390: big change, first half"), Patch("b2", 2, "s390: big change, second half")],
            ],
            Similar(("a1", "b1", 0.6), ("a1", "b2", 0.4)));

        Assert.Equal("""
            s390: big change, first half: a1(N) b1(M<a1)
            s390: big change, second half: - b2(N split a1)
            """, Render(rows, 2));
    }

    [Fact]
    public void A_patch_id_match_goes_before_a_title_match()
    {
        // The titles of two patches were swapped; their diffs were not.
        var rows = PatchMatrix.Build(
            [
                [Patch("a1", 1, "alpha", "A"), Patch("a2", 2, "beta", "B")],
                [Patch("b1", 1, "beta", "A"), Patch("b2", 2, "alpha", "B")],
            ],
            Unlike);

        Assert.Equal("""
            beta: a1(N) b1(U<a1)
            alpha: a2(N) b2(U<a2)
            """, Render(rows, 2));
    }

    [Fact]
    public void One_version_gives_one_row_per_patch_in_index_order()
    {
        var rows = PatchMatrix.Build([[Patch("p2", 2, "two"), Patch("p1", 1, "one")]], Unlike);

        Assert.Equal(["one", "two"], rows.Select(r => r.Title));
        Assert.All(rows, r => Assert.Equal(PatchChange.New, r.Cells[0].Change));
    }

    [Fact]
    public void No_versions_give_no_rows()
    {
        Assert.Empty(PatchMatrix.Build([], Unlike));
    }

    [Fact]
    public void A_title_that_keeps_most_of_its_words_is_the_same_patch_retitled()
    {
        // zPCI v1 01/32 and v2 01/30: one field renamed, which changed most of the short diff.
        var rows = PatchMatrix.Build(
            [
                [Patch("v1-1", 1, "s390/sclp: detect the zPCI interpretation facility", "x")],
                [Patch("v2-1", 1, "s390/sclp: detect the zPCI load/store interpretation facility", "y")],
            ],
            Unlike);

        Assert.Equal("s390/sclp: detect the zPCI load/store interpretation facility: v1-1(N) v2-1(M<v1-1)", Render(rows, 2));
    }

    [Fact]
    public void A_title_sharing_half_its_words_is_another_patch()
    {
        var rows = PatchMatrix.Build([[Patch("a", 1, "s390/pci: fix foo", "x")], [Patch("b", 1, "s390/pci: fix bar", "y")]], Unlike);

        Assert.Equal("s390/pci: fix bar: - b(N)\ns390/pci: fix foo: a(N) -", Render(rows, 2).Replace("\r", "", StringComparison.Ordinal));
    }

    [Fact]
    public void The_previous_version_is_matched_before_a_look_alike_dropped_earlier()
    {
        // "old" left after v1; "mid" is v2's patch. v3's patch resembles both, "old" more: it continues "mid".
        var rows = PatchMatrix.Build(
            [
                [Patch("old", 1, "s390: old approach", "o")],
                [Patch("mid", 1, "s390: middle approach", "m")],
                [Patch("new", 1, "s390: newest approach", "n")],
            ],
            Similar(("old", "new", 0.9), ("mid", "new", 0.4)));

        Assert.Contains("new(M<mid)", Render(rows, 3), StringComparison.Ordinal);
    }
}
