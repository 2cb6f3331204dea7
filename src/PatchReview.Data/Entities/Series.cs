namespace PatchReview.Data.Entities;

/// <summary>
/// A patch series: its versions linked across threads. Derived and replaced whenever an import touches it; its id
/// is the row id of its earliest version's head message, so it stays the same as later versions arrive.
/// </summary>
public sealed class Series
{
    public long Id { get; set; }
    public string Title { get; set; } = "";
    public string NormalizedTitle { get; set; } = "";
    public long SubmitterId { get; set; }
    public string SubmitterName { get; set; } = "";
    public string SubmitterEmail { get; set; } = "";
    public string State { get; set; } = "";
    public int LatestVersion { get; set; }
    public int VersionCount { get; set; }
    public DateTimeOffset? LastActivity { get; set; }
    public int Acked { get; set; }
    public int Reviewed { get; set; }
    public int Tested { get; set; }

    public List<SeriesVersion> Versions { get; set; } = [];
}

/// <summary>One posted version: a cover letter and its patches, or patches alone. Its id is its head message's row id.</summary>
public sealed class SeriesVersion
{
    public long Id { get; set; }
    public long SeriesId { get; set; }
    public int Version { get; set; }
    public string VersionText { get; set; } = "";
    public bool IsRfc { get; set; }
    public long? CoverId { get; set; }
    public string Title { get; set; } = "";
    public string NormalizedTitle { get; set; } = "";
    public long AuthorId { get; set; }
    public DateTimeOffset? Date { get; set; }
    public int DeclaredTotal { get; set; }
    public int PatchCount { get; set; }
    public List<int> MissingIndices { get; set; } = [];
    public int ReplyCount { get; set; }
    public bool IsComplete { get; set; }
    public string State { get; set; } = "";
    public long? SupersededById { get; set; }
    public long? PreviousVersionId { get; set; }
    public double? LinkConfidence { get; set; }
    public List<string> LinkSignals { get; set; } = [];

    public Series? Series { get; set; }
    public List<VersionPatch> Patches { get; set; } = [];
    public List<ChangelogEntry> Changelog { get; set; } = [];
}

/// <summary>A patch's place in its version and in the series' matrix of logical patches.</summary>
public sealed class VersionPatch
{
    public long MessageId { get; set; }
    public long VersionId { get; set; }
    public long SeriesId { get; set; }
    public int Index { get; set; }
    /// <summary>The matrix row: one logical patch across versions.</summary>
    public int Row { get; set; }
    /// <summary>new, unchanged or modified.</summary>
    public string Change { get; set; } = "";
    public long? PreviousId { get; set; }
    public long? SplitFromId { get; set; }
    public int ReplyCount { get; set; }

    public List<PatchTrailer> Trailers { get; set; } = [];
}

/// <summary>A trailer as it applies to a patch, with where it was given.</summary>
public sealed class PatchTrailer
{
    public long Id { get; set; }
    public long PatchId { get; set; }
    public string Type { get; set; } = "";
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    /// <summary>patch, reply, cover-reply or carried.</summary>
    public string Origin { get; set; } = "";
    public long SourceId { get; set; }
    public int FromVersion { get; set; }
    public bool SenderMatches { get; set; }
    public bool Stale { get; set; }
}

/// <summary>One item of what a version's author says changed.</summary>
public sealed class ChangelogEntry
{
    public long VersionId { get; set; }
    public int N { get; set; }
    public string Text { get; set; } = "";
    /// <summary>The message the item was written in: the cover letter, or a patch's notes.</summary>
    public long SourceId { get; set; }
    public List<string> CreditedNames { get; set; } = [];
    public List<string> CreditedEmails { get; set; } = [];
}

/// <summary>A pull request and one series it applies; a maintainer's pull request often applies several.</summary>
public sealed class PullRequest
{
    public long MessageId { get; set; }
    public long SeriesId { get; set; }
}

/// <summary>A posted patch that a pull request carries.</summary>
public sealed class PullRequestPatch
{
    /// <summary>The pull request's own mail that re-sends it.</summary>
    public long CarrierId { get; set; }
    public long PullRequestId { get; set; }
    public long SeriesId { get; set; }
    /// <summary>The patch as posted.</summary>
    public long PatchId { get; set; }
}

/// <summary>
/// A maintainer's decision that two versions are, or are not, versions of one series. Kept by Message-ID so it
/// survives re-imports and re-analysis.
/// </summary>
public sealed class VersionLinkOverride
{
    public long Id { get; set; }
    public string EarlierMessageId { get; set; } = "";
    public string LaterMessageId { get; set; } = "";
    public bool Linked { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
