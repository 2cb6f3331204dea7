namespace PatchReview.Core.Series;

/// <summary>One patch of one version, as the matrix compares it.</summary>
public sealed record MatrixPatch(string MessageId, int Index, string Title, string NormalizedTitle, string? PatchId);

/// <summary>How a patch compares with its predecessor in the previous version that has it.</summary>
public enum PatchChange
{
    New,
    Unchanged,
    Modified,
}

/// <summary>One patch's place in one version.</summary>
public sealed record MatrixCell(string MessageId, int Index, PatchChange Change, string? PreviousMessageId)
{
    /// <summary>For a new patch carved out of a patch of the previous version, that patch.</summary>
    public string? SplitFromMessageId { get; init; }
}

/// <summary>One logical patch across versions: its cells by version position (index into the versions given).</summary>
public sealed record MatrixRow(string Title, IReadOnlyDictionary<int, MatrixCell> Cells)
{
    /// <summary>Not in the last version although an earlier one had it.</summary>
    public bool IsDropped(int versionCount) => !Cells.ContainsKey(versionCount - 1);
}

/// <summary>
/// Maps patches across consecutive versions into one row per logical patch: the same patch-id first (git's
/// <c>patch-id --stable</c>: the same change, whatever its index or title), then the same title, then the most
/// similar diff. Titles and indices change between versions: zPCI's v6 16/21 is v7 17/22.
/// </summary>
public static class PatchMatrix
{
    /// <summary>
    /// Diffs at least this similar (Jaccard over changed lines, 0..1) are taken for one patch reworked: one line in
    /// three shared, as between zPCI v8 17/22 and v9 17/21 (0.44), which renamed the hooks and dropped a file.
    /// </summary>
    public const double SimilarityThreshold = 1.0 / 3;

    /// <param name="versions">The versions in order, each with its patches.</param>
    /// <param name="similarity">How alike two patches' diffs are, 0..1, by Message-ID.</param>
    public static IReadOnlyList<MatrixRow> Build(IReadOnlyList<IReadOnlyList<MatrixPatch>> versions, Func<string, string, double> similarity)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(similarity);
        var rows = new List<Dictionary<int, MatrixCell>>();
        // The latest cell of each row, to match the next version against: a patch absent from one version can come back.
        for (var v = 0; v < versions.Count; v++)
        {
            var open = rows.Select((cells, i) => (Row: i, Last: cells.MaxBy(c => c.Key)))
                .Select(x => (x.Row, Patch: Find(versions[x.Last.Key], x.Last.Value.MessageId)))
                .ToList();
            var taken = new HashSet<int>();
            var matched = new Dictionary<string, (int Row, MatrixPatch Previous)>(StringComparer.Ordinal);
            var pending = versions[v].OrderBy(p => p.Index).ToList();

            void Match(List<(int Row, MatrixPatch Patch)> candidates, Func<MatrixPatch, MatrixPatch, bool> rule)
            {
                foreach (var patch in pending.Where(p => !matched.ContainsKey(p.MessageId)))
                {
                    foreach (var (row, previous) in candidates)
                    {
                        if (!taken.Contains(row) && rule(previous, patch))
                        {
                            matched[patch.MessageId] = (row, previous);
                            taken.Add(row);
                            break;
                        }
                    }
                }
            }

            void MatchAll(List<(int Row, MatrixPatch Patch)> candidates)
            {
                Match(candidates, (a, b) => a.PatchId is not null && a.PatchId == b.PatchId);
                Match(candidates, (a, b) => a.NormalizedTitle.Length > 0 && a.NormalizedTitle == b.NormalizedTitle);
                // "s390/sclp: detect the zPCI interpretation facility" became "… the zPCI load/store interpretation
                // facility" in v2 of the zPCI series, with a renamed field that changed most of its short diff.
                Match(candidates, (a, b) => TitleWords(a.NormalizedTitle, b.NormalizedTitle) >= TitleWordsThreshold);
                // Most similar pairs first, so that one reworked patch is not taken by a weaker look-alike.
                var scored = (from patch in pending
                              where !matched.ContainsKey(patch.MessageId)
                              from candidate in candidates
                              where !taken.Contains(candidate.Row)
                              let score = similarity(candidate.Patch.MessageId, patch.MessageId)
                              where score >= SimilarityThreshold
                              orderby score descending
                              select (patch, candidate, score)).ToList();
                foreach (var (patch, candidate, _) in scored)
                {
                    if (!matched.ContainsKey(patch.MessageId) && taken.Add(candidate.Row))
                    {
                        matched[patch.MessageId] = (candidate.Row, candidate.Patch);
                    }
                }
            }

            // The previous version first: a patch is its predecessor's next version before it is a look-alike of
            // one dropped versions ago.
            MatchAll([.. open.Where(o => rows[o.Row].ContainsKey(v - 1))]);
            MatchAll(open);

            foreach (var patch in pending)
            {
                if (matched.TryGetValue(patch.MessageId, out var match))
                {
                    var change = match.Previous.PatchId is not null && match.Previous.PatchId == patch.PatchId ? PatchChange.Unchanged : PatchChange.Modified;
                    rows[match.Row][v] = new MatrixCell(patch.MessageId, patch.Index, change, match.Previous.MessageId);
                }
                else
                {
                    // A new patch whose diff mostly comes from a patch that also went on is that patch split in two.
                    var source = open.Where(o => taken.Contains(o.Row))
                        .Select(o => (o.Patch, Score: similarity(o.Patch.MessageId, patch.MessageId)))
                        .Where(o => o.Score >= SimilarityThreshold)
                        .OrderByDescending(o => o.Score)
                        .Select(o => o.Patch.MessageId)
                        .FirstOrDefault();
                    rows.Add(new Dictionary<int, MatrixCell>
                    {
                        [v] = new(patch.MessageId, patch.Index, PatchChange.New, null) { SplitFromMessageId = source },
                    });
                }
            }
        }

        // Rows in the order of the last version; dropped patches after them, in the order they first appeared.
        var last = versions.Count - 1;
        return [.. rows
            .OrderBy(cells => cells.TryGetValue(last, out var cell) ? cell.Index : int.MaxValue)
            .ThenBy(cells => cells.Keys.Min())
            .ThenBy(cells => cells[cells.Keys.Min()].Index)
            .Select(cells => new MatrixRow(TitleOf(cells, versions), cells))];
    }

    /// <summary>Titles sharing at least this share of their words (Jaccard) are one patch retitled.</summary>
    public const double TitleWordsThreshold = 0.75;

    static double TitleWords(string a, string b) => VersionLinker.Jaccard(
        a.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal),
        b.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal));

    static MatrixPatch Find(IReadOnlyList<MatrixPatch> version, string messageId) => version.First(p => p.MessageId == messageId);

    /// <summary>A row is named by its latest title.</summary>
    static string TitleOf(Dictionary<int, MatrixCell> cells, IReadOnlyList<IReadOnlyList<MatrixPatch>> versions)
    {
        var last = cells.Keys.Max();
        return Find(versions[last], cells[last].MessageId).Title;
    }
}
