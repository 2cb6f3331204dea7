namespace PatchReview.Core.Series;

/// <summary>Where a series stands, derived from the mail alone.</summary>
public enum SeriesState
{
    /// <summary>Nobody but the author has answered the latest version.</summary>
    New,
    /// <summary>Others have answered, with reviews on part of it.</summary>
    UnderReview,
    /// <summary>A reviewer commented on a patch of the latest version without giving it a Reviewed-by or Acked-by.</summary>
    ChangesRequested,
    /// <summary>Every patch of the latest version has a Reviewed-by or an Acked-by.</summary>
    Reviewed,
    /// <summary>An older version: a later one exists.</summary>
    Superseded,
    /// <summary>A pull request carries its patches.</summary>
    Applied,
}

/// <summary>What the state of one patch of the latest version depends on.</summary>
/// <param name="Approved">It has a Reviewed-by or Acked-by from someone other than its author.</param>
/// <param name="Commented">Someone other than the author wrote text under it without approving it.</param>
public sealed record PatchReviewState(bool Approved, bool Commented);

public static class SeriesStates
{
    public static SeriesState Derive(bool applied, bool othersReplied, IReadOnlyCollection<PatchReviewState> latestPatches)
    {
        ArgumentNullException.ThrowIfNull(latestPatches);
        if (applied)
        {
            return SeriesState.Applied;
        }
        if (latestPatches.Count > 0 && latestPatches.All(p => p.Approved))
        {
            return SeriesState.Reviewed;
        }
        if (latestPatches.Any(p => p.Commented))
        {
            return SeriesState.ChangesRequested;
        }
        return othersReplied || latestPatches.Any(p => p.Approved) ? SeriesState.UnderReview : SeriesState.New;
    }

    /// <summary>The API's spelling: <c>new</c>, <c>under-review</c>, <c>changes-requested</c>, <c>reviewed</c>, <c>superseded</c>, <c>applied</c>.</summary>
    public static string ToApiName(this SeriesState state) => state switch
    {
        SeriesState.New => "new",
        SeriesState.UnderReview => "under-review",
        SeriesState.ChangesRequested => "changes-requested",
        SeriesState.Reviewed => "reviewed",
        SeriesState.Superseded => "superseded",
        _ => "applied",
    };
}
