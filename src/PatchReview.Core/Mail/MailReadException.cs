namespace PatchReview.Core.Mail;

/// <summary>
/// A source that cannot be read to its end: a corrupt gzip stream, an unreadable file, a failing git process.
/// The message names the source and the byte offset where reading stopped.
/// </summary>
public sealed class MailReadException(string source, long offset, string message, Exception? inner = null)
    : Exception($"{source} at byte {offset}: {message}", inner)
{
    /// <summary>The file path, <c>-</c>, or git repository that failed; hides <see cref="Exception.Source"/>, which names an assembly.</summary>
    public new string Source { get; } = source;
    public long Offset { get; } = offset;
}
