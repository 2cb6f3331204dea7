namespace PatchReview.Data.Entities;

/// <summary>
/// A series' review and design decisions, derived from its mail when an import touches it and kept as JSON
/// documents: pages read them whole and never query inside them. Maintainers' verdicts stay in
/// <see cref="DecisionReview"/> and are laid over the derived decisions when read.
/// </summary>
public sealed class SeriesReviewDocument
{
    public long SeriesId { get; set; }
    /// <summary>Questions per version and what each reviewer's comments became.</summary>
    public string Review { get; set; } = "";
    /// <summary>Every decision found, weak ones included.</summary>
    public string Decisions { get; set; } = "";
    /// <summary>How many decisions <see cref="Decisions"/> holds: a site-wide list reads only series that have some.</summary>
    public int DecisionCount { get; set; }
}

/// <summary>The review comments on one patch, each with its fate in the later versions of the series.</summary>
public sealed class PatchCommentsDocument
{
    public long MessageId { get; set; }
    public string Comments { get; set; } = "";
}

/// <summary>
/// Who said what in one reply that quotes: for each block of its body, in order, whose words it is. The block texts
/// are not kept twice; they are the body split again when read.
/// </summary>
public sealed class MessageQuotesDocument
{
    public long MessageId { get; set; }
    public string Blocks { get; set; } = "";
}
