namespace PatchReview.Core.Mail;

/// <summary>A person as a mail header names them: <c>Jason Gunthorpe &lt;jgg@nvidia.com&gt;</c>.</summary>
public sealed record Person(string Name, string Email);

/// <summary>
/// One message, understood: what the rest of PatchReview needs from the headers and the text body.
/// Strings never contain NUL characters (PostgreSQL text cannot hold them); they are replaced by U+FFFD.
/// </summary>
public sealed record ParsedMessage
{
    /// <summary>Message-ID without angle brackets; generated from the content when the mail has none.</summary>
    public required string MessageId { get; init; }
    public required bool MessageIdGenerated { get; init; }
    /// <summary>The sender, with DMARC "X via list" munging undone.</summary>
    public required Person From { get; init; }
    public required IReadOnlyList<Person> To { get; init; }
    public required IReadOnlyList<Person> Cc { get; init; }
    /// <summary>Decoded subject (RFC 2047), unfolded; empty when missing.</summary>
    public required string Subject { get; init; }
    /// <summary>The Date header as UTC; null when it is missing or cannot be parsed.</summary>
    public required DateTimeOffset? Date { get; init; }
    /// <summary>The verbatim Date header, null when missing.</summary>
    public required string? DateHeader { get; init; }
    /// <summary>Message-IDs in In-Reply-To, in header order, without angle brackets.</summary>
    public required IReadOnlyList<string> InReplyTo { get; init; }
    /// <summary>Message-IDs in References, oldest first, without angle brackets.</summary>
    public required IReadOnlyList<string> References { get; init; }
    /// <summary>The List-Id identifier without angle brackets (<c>linux-s390.vger.kernel.org</c>), null when missing.</summary>
    public required string? ListId { get; init; }
    /// <summary>The decoded text body with LF line ends.</summary>
    public required string BodyText { get; init; }
    /// <summary>The text part is <c>format=flowed</c> (RFC 3676).</summary>
    public required bool IsFlowed { get; init; }
    /// <summary>The text part has <c>delsp=yes</c> (RFC 3676 section 4.2).</summary>
    public required bool DelSp { get; init; }
    /// <summary>Identity of the content: see <see cref="MessageFingerprint"/>.</summary>
    public required byte[] ContentHash { get; init; }
}
