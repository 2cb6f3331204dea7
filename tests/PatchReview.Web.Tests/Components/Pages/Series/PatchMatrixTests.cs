using PatchReview.Data.Queries;
using PatchReview.Web.Components.Pages.Series;

namespace PatchReview.Web.Tests.Components.Pages.Series;

public sealed class PatchMatrixTests
{
    static MatrixCellRecord Cell(int index, string id, string change) => new(index, id, change);

    static MatrixRowRecord Row(string title, params (int Version, MatrixCellRecord Cell)[] cells)
        => new(title, cells.ToDictionary(c => PatchMatrix.Key(c.Version), c => c.Cell));

    [Fact]
    public void Rows_follow_the_latest_versions_order_with_a_cell_or_null_per_version()
    {
        var matrix = new SeriesMatrix([1, 2, 3],
        [
            Row("second", (1, Cell(1, "a1", "new")), (3, Cell(2, "a3", "modified"))),
            Row("first", (2, Cell(1, "b2", "new")), (3, Cell(1, "b3", "unchanged"))),
        ]);

        var shown = PatchMatrix.Build(matrix);

        Assert.Equal([1, 2, 3], shown.Versions);
        Assert.Equal(["first", "second"], shown.Rows.Select(r => r.Title));
        Assert.Equal([null, "b2", "b3"], shown.Rows[0].Cells.Select(c => c?.MessageId));
        Assert.Equal(["a1", null, "a3"], shown.Rows[1].Cells.Select(c => c?.MessageId));
        Assert.Equal(0, shown.Dropped);
    }

    [Fact]
    public void Patch_missing_from_the_latest_version_is_counted_not_shown()
    {
        var matrix = new SeriesMatrix([1, 2],
        [
            Row("kept", (1, Cell(1, "k1", "new")), (2, Cell(1, "k2", "unchanged"))),
            Row("dropped in v2", (1, Cell(2, "d1", "new"))),
        ]);

        var shown = PatchMatrix.Build(matrix);

        Assert.Equal(["kept"], shown.Rows.Select(r => r.Title));
        Assert.Equal(1, shown.Dropped);
    }

    [Fact]
    public void Row_of_a_patch_is_found_whether_or_not_it_reached_the_latest_version()
    {
        var dropped = Row("dropped in v2", (1, Cell(2, "d1", "new")));
        var matrix = new SeriesMatrix([1, 2], [Row("kept", (1, Cell(1, "k1", "new")), (2, Cell(1, "k2", "unchanged"))), dropped]);

        Assert.Same(dropped, PatchMatrix.RowOf(matrix, "d1"));
        Assert.Equal("kept", PatchMatrix.RowOf(matrix, "k2")?.Title);
        Assert.Null(PatchMatrix.RowOf(matrix, "elsewhere@example.org"));
    }

    [Fact]
    public void Matrix_without_versions_has_no_rows()
    {
        var shown = PatchMatrix.Build(new SeriesMatrix([], []));

        Assert.Empty(shown.Rows);
        Assert.Equal(0, shown.Dropped);
    }
}
