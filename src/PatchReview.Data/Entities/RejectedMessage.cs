namespace PatchReview.Data.Entities;

/// <summary>Mail that could not be parsed, kept aside with its bytes, where it was and why.</summary>
public sealed class RejectedMessage
{
    public long Id { get; set; }
    public long ImportId { get; set; }
    public required string Source { get; set; }
    public long SourceOffset { get; set; }
    public string? BlobId { get; set; }
    public required string Reason { get; set; }
    public int Size { get; set; }
    /// <summary>SHA-256 of <see cref="Raw"/>: the same bad mail imported twice is kept once.</summary>
    public required byte[] RawHash { get; set; }
    public required byte[] Raw { get; set; }
}
