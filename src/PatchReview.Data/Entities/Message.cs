namespace PatchReview.Data.Entities;

/// <summary>
/// A received message, or a ghost: a Message-ID that replies name as their parent but that never arrived.
/// A ghost row is filled in place when its message arrives, so links to it stay valid.
/// </summary>
public sealed class Message
{
    public long Id { get; set; }
    public required string MessageId { get; set; }
    public bool IsGhost { get; set; }
    public bool MessageIdGenerated { get; set; }
    public string Subject { get; set; } = "";
    public string FromName { get; set; } = "";
    public string FromEmail { get; set; } = "";
    public List<string> To { get; set; } = [];
    public List<string> Cc { get; set; } = [];
    public DateTimeOffset? Date { get; set; }
    public string? DateHeader { get; set; }
    /// <summary>The List-Ids the message arrived through; a copy from another list adds its list here.</summary>
    public List<string> Lists { get; set; } = [];
    public string BodyText { get; set; } = "";
    public bool IsFlowed { get; set; }
    public bool DelSp { get; set; }
    public byte[]? ContentHash { get; set; }
    public long? ParentId { get; set; }
    /// <summary>The row id of the thread's root message, which is also the <see cref="MailThread"/> id.</summary>
    public long ThreadId { get; set; }
    public long? ImportId { get; set; }
    public string? Source { get; set; }
    public long? SourceOffset { get; set; }
    public string? BlobId { get; set; }
    public int Size { get; set; }

    public Message? Parent { get; set; }
    public List<MessageReference> NamedIds { get; set; } = [];
}
