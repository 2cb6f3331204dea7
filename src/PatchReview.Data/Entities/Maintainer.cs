namespace PatchReview.Data.Entities;

/// <summary>
/// A person who may confirm or reject decisions and link versions. Reading needs no account; the first maintainer
/// is created with <c>patchreview user add</c>. The password is kept only as the framework's hash.
/// </summary>
public sealed class Maintainer
{
    public long Id { get; set; }
    /// <summary>Lower-cased: "mrosato" and "MRosato" are one account.</summary>
    public string UserName { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A bearer token for scripts, shown once when made; only its SHA-256 is kept.</summary>
public sealed class ApiToken
{
    public long Id { get; set; }
    public long MaintainerId { get; set; }
    public string Name { get; set; } = "";
    public byte[] TokenHash { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A maintainer's word on a derived decision: confirmed or rejected, and a title of their own. Kept by the
/// decision's id, which is made of Message-IDs, so it outlives re-imports and re-analysis.
/// </summary>
public sealed class DecisionReview
{
    public string DecisionId { get; set; } = "";
    /// <summary>confirmed or rejected.</summary>
    public string Verdict { get; set; } = "";
    public string? Title { get; set; }
    public long MaintainerId { get; set; }
    public DateTimeOffset ReviewedAt { get; set; }
}
