namespace PatchReview.Core.Mail;

/// <summary>
/// One message exactly as an archive holds it, with where it came from, so every stored row can point back to its mail.
/// For an mbox, <see cref="Raw"/> is the message after mboxrd unescaping and without the <c>From </c> separator line;
/// <see cref="Offset"/> is the byte offset of that separator in the (decompressed) stream.
/// Example: <c>new MailEnvelope("zpci-series.mbox.gz", 0, null, bytes)</c>.
/// </summary>
/// <param name="Source">File path, <c>-</c> for standard input, or <c>repo.git</c> for a public-inbox epoch.</param>
/// <param name="Offset">Byte offset of the message in its source; for a public-inbox epoch, the commit's position in history.</param>
/// <param name="BlobId">The git blob id when the message came from a public-inbox archive.</param>
/// <param name="Raw">The message bytes.</param>
public sealed record MailEnvelope(string Source, long Offset, string? BlobId, ReadOnlyMemory<byte> Raw)
{
    /// <summary>Where the message is, for error messages and rejected mail: <c>a.mbox at byte 1234</c>.</summary>
    public string Location => BlobId is null ? $"{Source} at byte {Offset}" : $"{Source} blob {BlobId}";
}
