namespace PatchReview.Data.Entities;

/// <summary>One Message-ID named in a message's In-Reply-To or References header, in header order.</summary>
public sealed class MessageReference
{
    public long MessageId { get; set; }
    public ReferenceKind Kind { get; set; }
    public int Position { get; set; }
    public required string ReferencedMessageId { get; set; }
}

public enum ReferenceKind
{
    InReplyTo = 0,
    References = 1,
}
