namespace PatchReview.Data.Entities;

/// <summary>The bytes of a message as received, kept apart so that message rows stay small.</summary>
public sealed class MessageRaw
{
    public long MessageId { get; set; }
    public required byte[] Data { get; set; }
}
