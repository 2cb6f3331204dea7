namespace PatchReview.Data.Entities;

/// <summary>
/// The bytes of a message as received, kept apart so that message rows stay small. A row is written before its
/// message and read only through it: on PostgreSQL the importer writes a batch's raw bytes beside the batch, on a
/// connection of their own, so they carry no foreign key to <c>messages</c> (see <see cref="MailImport.PendingRaw"/>).
/// </summary>
public sealed class MessageRaw
{
    public long MessageId { get; set; }
    public required byte[] Data { get; set; }
}
