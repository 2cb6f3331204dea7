using System.Globalization;
using PatchReview.Data.Queries;

namespace PatchReview.Web.Components.Pages.Series;

/// <summary>One logical patch across versions: a cell per version of <see cref="PatchMatrix.Versions"/>, null where it is absent.</summary>
public sealed record PatchMatrixRow(string Title, IReadOnlyList<MatrixCellRecord?> Cells);

/// <summary>
/// The patch matrix as the series page shows it: the patches of the latest version, in its order, each with where it
/// was in the versions before. A patch dropped on the way (zPCI v9 dropped "KVM: s390: introduce CPU feature for
/// zPCI Interpretation") is counted in <see cref="Dropped"/> rather than shown.
/// </summary>
public sealed record PatchMatrix(IReadOnlyList<int> Versions, IReadOnlyList<PatchMatrixRow> Rows, int Dropped)
{
    public static PatchMatrix Build(SeriesMatrix matrix)
    {
        if (matrix.Versions.Count == 0)
        {
            return new PatchMatrix([], [], 0);
        }
        var latest = Key(matrix.Versions[^1]);
        var rows = matrix.Rows
            .Where(row => row.Cells.ContainsKey(latest))
            .OrderBy(row => row.Cells[latest].Index)
            .Select(row => new PatchMatrixRow(row.Title, [.. matrix.Versions.Select(v => row.Cells.GetValueOrDefault(Key(v)))]))
            .ToList();
        return new PatchMatrix(matrix.Versions, rows, matrix.Rows.Count - rows.Count);
    }

    /// <summary>The row holding the patch, whether or not it reached the latest version.</summary>
    public static MatrixRowRecord? RowOf(SeriesMatrix matrix, string messageId)
        => matrix.Rows.FirstOrDefault(row => row.Cells.Values.Any(cell => cell.MessageId == messageId));

    /// <summary>The matrix's cells are keyed by the version number as text, as in its JSON.</summary>
    public static string Key(int version) => version.ToString(CultureInfo.InvariantCulture);
}
