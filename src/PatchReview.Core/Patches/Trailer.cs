namespace PatchReview.Core.Patches;

/// <summary>
/// One trailer: <c>Reviewed-by: Jason Gunthorpe &lt;jgg@nvidia.com&gt;</c> is Type "Reviewed-by", Value
/// "Jason Gunthorpe &lt;jgg@nvidia.com&gt;", Name "Jason Gunthorpe", Email "jgg@nvidia.com".
/// </summary>
/// <param name="Type">The key in its canonical spelling: "Reviewed-by" also when written "reviewed-by" or "Reviewed-By".</param>
/// <param name="Value">The value as written, trimmed; continuation lines are joined with one space.</param>
/// <param name="Name">The person's name when the value names a person (any <c>*-by</c> key and <c>Cc</c>), else null.</param>
/// <param name="Email">The person's address when the value holds one, else null.</param>
/// <param name="Line">The 1-based number of the trailer's first line in the text that was parsed.</param>
public sealed record Trailer(string Type, string Value, string? Name, string? Email, int Line);

/// <summary>How a trailer's person relates to the sender of the message that carries it.</summary>
public enum SenderMatch
{
    /// <summary>Neither the address nor the name is the sender's: someone else's trailer, or a mismatch to flag.</summary>
    None,
    /// <summary>Same address, ignoring case.</summary>
    Email,
    /// <summary>Different or missing address, same name once case, spacing, dots and accents are set aside.</summary>
    Name,
}
