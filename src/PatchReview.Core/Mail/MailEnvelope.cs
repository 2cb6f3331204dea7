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
/// <param name="Raw">
/// The message bytes. A reader packs them into slabs it reuses: they stay valid until the envelope is released
/// (<see cref="Release"/>), and so do those of a copy made with <c>with</c>.
/// </param>
public sealed record MailEnvelope(string Source, long Offset, string? BlobId, ReadOnlyMemory<byte> Raw)
{
    private RawBuffers.Slab? _slab;

    internal MailEnvelope(string source, long offset, string? blobId, ReadOnlyMemory<byte> raw, RawBuffers.Slab slab)
        : this(source, offset, blobId, raw) => _slab = slab;

    /// <summary>A copy shares the bytes, for as long as the original holds them, but not the right to give them back.</summary>
    private MailEnvelope(MailEnvelope original)
    {
        Source = original.Source;
        Offset = original.Offset;
        BlobId = original.BlobId;
        Raw = original.Raw;
    }

    /// <summary>Where the message is, for error messages and rejected mail: <c>a.mbox at byte 1234</c>.</summary>
    public string Location => BlobId is null ? $"{Source} at byte {Offset}" : $"{Source} blob {BlobId}";

    /// <summary>
    /// Gives the raw bytes back to the reader that read them, for the messages it reads next: <see cref="Raw"/> must
    /// not be read afterwards. Once is enough; envelopes that are never released are left to the collector.
    /// </summary>
    public void Release() => Interlocked.Exchange(ref _slab, null)?.Release();

    /// <summary>
    /// Equal when they name the same place and the same bytes in memory (the same array, start and length, not merely
    /// equal content); whether one still holds its slab does not count.
    /// </summary>
    public bool Equals(MailEnvelope? other) =>
        other is not null && Source == other.Source && Offset == other.Offset && BlobId == other.BlobId && Raw.Equals(other.Raw);

    public override int GetHashCode() => HashCode.Combine(Source, Offset, BlobId, Raw);
}
