using PatchReview.Core.Mail;

namespace PatchReview.Data.Import;

/// <summary>What an import is doing: saving batches of mail, or deriving what the saved mail changed.</summary>
public enum ImportStage
{
    Saving,
    DerivingSeries,
    DerivingReviews,
}

/// <summary>
/// Running counts of an import, reported after every saved batch, and its stage, reported again as a long import
/// derives series midway and as it derives series and reviews at its end (9 s of a 52,845-message import).
/// </summary>
public sealed record ImportProgress(int Read, int Stored, int Duplicates, int Variants, int Rejected, ImportStage Stage = ImportStage.Saving)
{
    /// <summary>The counts as the command and its logs print them: <c>read 20000, stored 19950, duplicates 50, variants 0, rejected 0</c>.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"read {Read}, stored {Stored}, duplicates {Duplicates}, variants {Variants}, rejected {Rejected}");
}

/// <summary>
/// Reports on the importer's own thread, as each batch commits. <see cref="Progress{T}"/> posts to the thread pool
/// instead, so that a report can arrive late, after the next, or after the import has returned.
/// </summary>
public sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
{
    public void Report(ImportProgress value) => report(value);
}

/// <summary>What an import did. <c>Read = Stored + Duplicates + Variants + Rejected</c>.</summary>
public sealed record ImportSummary(long ImportId, string Source, int Read, int Stored, int Duplicates, int Variants, int Rejected, TimeSpan Elapsed)
{
    public double MessagesPerSecond => Elapsed.TotalSeconds > 0 ? Read / Elapsed.TotalSeconds : 0;

    public ImportProgress Counts => new(Read, Stored, Duplicates, Variants, Rejected);
}

/// <summary>
/// The import of <see cref="Source"/> stopped before its end: the archive could not be read further or the database failed.
/// The message names the file and offset. What was saved before stays saved; a re-run resumes without duplicating anything.
/// </summary>
public sealed class ImportFailedException(string source, string message, Exception inner) : Exception(message, inner)
{
    public string ImportSource { get; } = source;
}

/// <summary>One message of a batch on its way to the database.</summary>
sealed class PendingMessage(MailEnvelope envelope, MessageFingerprint fingerprint)
{
    public MailEnvelope Envelope { get; } = envelope;
    public MessageFingerprint Fingerprint { get; } = fingerprint;
    public PendingKind Kind { get; set; } = PendingKind.New;
    /// <summary>
    /// The message's row, made beside the parse so that what waits for the writer is small: the body as UTF-8 in the
    /// classifier's reused buffers (<see cref="Body"/>), the addresses as stored. The writer gives it its id.
    /// </summary>
    public MessageRow? Row { get; set; }
    /// <summary>The parsed In-Reply-To and References, for threading and for <c>message_references</c>.</summary>
    public IReadOnlyList<string> InReplyTo { get; set; } = [];
    public IReadOnlyList<string> References { get; set; } = [];
    /// <summary>Where <see cref="Row"/>'s body lies, until the batch is committed.</summary>
    public PackedBytes? Body { get; set; }
    /// <summary>What series analysis needs of a parsed message, derived beside the parse.</summary>
    public Core.Series.MailFacts? Facts { get; set; }
    public string? RejectReason { get; set; }
    /// <summary>For a duplicate or variant, the row of the message stored first.</summary>
    public long CanonicalId { get; set; }
    /// <summary>For a duplicate of a stored message, the lists that message is known on.</summary>
    public string[] CanonicalLists { get; set; } = [];

    /// <summary>Gives the raw bytes and the body back for the mail read next: once the batch is committed, nothing reads them.</summary>
    public void Release()
    {
        Envelope.Release();
        Body?.Release();
    }
}

enum PendingKind
{
    New,
    Duplicate,
    Variant,
    Rejected,
}
