using PatchReview.Core.Mail;

namespace PatchReview.Core.Series;

/// <summary>What a message is to series analysis.</summary>
public enum SeriesRole
{
    /// <summary>A reply, or any message that is not a patch or cover letter.</summary>
    Reply,
    /// <summary><c>[PATCH v6 00/21]</c>: the cover letter of a version.</summary>
    Cover,
    /// <summary><c>[PATCH v6 16/21]</c> or a single <c>[PATCH v2]</c> with a diff.</summary>
    Patch,
    /// <summary><c>[GIT PULL] …</c>: a pull request, or its cover.</summary>
    Pull,
    /// <summary><c>[GIT PULL 03/42] …</c>: an already posted patch re-sent inside a pull request.</summary>
    PullPatch,
}

/// <summary>
/// One message as series analysis sees it: where it hangs in its thread and what its subject says.
/// <see cref="VersionText"/> is the version as written (<c>"5.1"</c> for <c>[PATCH v5.1 3/8]</c>), <see cref="Version"/>
/// its whole number (5), 1 when the subject names none.
/// </summary>
public sealed record SeriesMail(
    string MessageId,
    string? ParentMessageId,
    string ThreadRootMessageId,
    Person From,
    DateTimeOffset? Date,
    SeriesRole Role,
    int Version,
    string VersionText,
    int? Index,
    int? Total,
    bool IsRfc,
    string Title,
    string NormalizedTitle);
