namespace PatchReview.Data.Entities;

/// <summary>
/// A second, different message under a Message-ID that is already stored (a mailer that reuses ids, an edited resend).
/// It is kept beside the first, never dropped.
/// </summary>
public sealed class MessageVariant
{
    public long Id { get; set; }
    public required string MessageId { get; set; }
    public long CanonicalId { get; set; }
    public required byte[] ContentHash { get; set; }
    public string Subject { get; set; } = "";
    public string FromName { get; set; } = "";
    public string FromEmail { get; set; } = "";
    public DateTimeOffset? Date { get; set; }
    public long ImportId { get; set; }
    public required string Source { get; set; }
    public long SourceOffset { get; set; }
    public string? BlobId { get; set; }
    public required byte[] Raw { get; set; }

    public Message? Canonical { get; set; }
}
