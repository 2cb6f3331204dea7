namespace PatchReview.Data.Entities;

/// <summary>
/// What a patch, cover letter or pull request says of itself, derived once when the message is stored: its subject
/// tags, the parts of a patch and its diff's summary. Its id is the message's row id.
/// </summary>
public sealed class MailAnalysis
{
    public long MessageId { get; set; }
    /// <summary>patch, cover, pull or pull-patch (an applied patch re-sent inside a pull request).</summary>
    public string Role { get; set; } = "";
    public int Version { get; set; }
    public string VersionText { get; set; } = "";
    public int? Index { get; set; }
    public int? Total { get; set; }
    public bool IsRfc { get; set; }
    public bool IsResend { get; set; }
    /// <summary>A patch posted for a stable branch (<c>[PATCH AUTOSEL 5.17 18/31]</c>): a copy of an applied commit, never a version.</summary>
    public bool IsBackport { get; set; }
    public string Title { get; set; } = "";
    public string NormalizedTitle { get; set; } = "";
    /// <summary>The author: the in-body <c>From:</c> when there is one, else the sender.</summary>
    public string AuthorName { get; set; } = "";
    public string AuthorEmail { get; set; } = "";
    /// <summary>What <c>git patch-id --stable</c> prints for the diff; null without a diff.</summary>
    public string? PatchId { get; set; }
    public List<string> Files { get; set; } = [];
    /// <summary>A bottom-k sketch of the diff's changed lines, to estimate how alike two patches are without their text.</summary>
    public List<long> DiffSketch { get; set; } = [];
    /// <summary>A bottom-k sketch of the commit message or cover letter text, to find a version renamed since the last.</summary>
    public List<long> TextSketch { get; set; } = [];
    public int LinesAdded { get; set; }
    public int LinesRemoved { get; set; }
    /// <summary>Message-IDs the body links to (lore links, <c>Link:</c> trailers) or names in <c>Supersedes:</c>.</summary>
    public List<string> MentionedIds { get; set; } = [];
    /// <summary>Those of <see cref="MentionedIds"/> that a line labels as an earlier version (<c>v3: https://…</c>).</summary>
    public List<string> LabelledIds { get; set; } = [];
    public List<string> SupersedesIds { get; set; } = [];
    public List<string> ChangeIds { get; set; } = [];

    public Message? Message { get; set; }
}

/// <summary>A trailer line as written in one message: a patch's own, or an unquoted one in a reply.</summary>
public sealed class MessageTrailer
{
    public long MessageId { get; set; }
    public int Position { get; set; }
    public string Type { get; set; } = "";
    public string Value { get; set; } = "";
    public string? Name { get; set; }
    public string? Email { get; set; }
}
