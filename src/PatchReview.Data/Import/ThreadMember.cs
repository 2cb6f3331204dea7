namespace PatchReview.Data.Import;

/// <summary>A stored message (or ghost) as threading sees it, loaded for the threads a batch touches.</summary>
sealed class ThreadMember
{
    public long Id { get; init; }
    public required string MessageId { get; init; }
    public bool IsGhost { get; set; }
    public DateTimeOffset? Date { get; set; }
    public long? ParentId { get; init; }
    public long ThreadId { get; init; }
    public string Subject { get; set; } = "";
    public string FromName { get; set; } = "";
    public string FromEmail { get; set; } = "";
    public List<string> Lists { get; set; } = [];
    public List<string> InReplyTo { get; } = [];
    public List<string> References { get; } = [];
}

/// <summary>What a stored message is, as far as classifying a new copy of it needs.</summary>
sealed record StoredIdentity(long Id, string MessageId, bool IsGhost, byte[]? ContentHash, string[] Lists);
