namespace PatchReview.Data.Entities;

/// <summary>One run of the importer over one source, with what it found.</summary>
public sealed class MailImport
{
    public long Id { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int Read { get; set; }
    public int Stored { get; set; }
    public int Duplicates { get; set; }
    public int Variants { get; set; }
    public int Rejected { get; set; }
    /// <summary>Why the import stopped early, naming the file and offset; null when it read its source to the end.</summary>
    public string? Error { get; set; }
    /// <summary>
    /// The messages whose raw bytes the batch being saved has committed already, beside it; the batch clears this as
    /// it commits. Found set when no batch is being saved, it names the raw bytes of a batch that failed, which the
    /// next import removes.
    /// </summary>
    public long[]? PendingRaw { get; set; }
}
