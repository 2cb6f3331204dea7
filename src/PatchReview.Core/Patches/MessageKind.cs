using System.Text.RegularExpressions;

namespace PatchReview.Core.Patches;

/// <summary>What a message is on a patch list.</summary>
public enum MessageKind
{
    Other,
    Patch,
    Cover,
    Reply,
    Pull,
}

/// <summary>
/// Tells patches, cover letters, replies and pull requests apart from the subject and body.
/// <c>[PATCH v6 16/21] vfio-pci/zdev: …</c> is a patch, <c>[PATCH v6 00/21] …</c> a cover letter,
/// <c>Re: [PATCH …]</c> a reply unless it carries a diff of its own (<c>[PATCH v5.1 3/8]</c> sent in-reply-to),
/// and <c>[GIT PULL] …</c> or a body with "The following changes since commit" a pull request.
/// </summary>
public static partial class MessageClassifier
{
    public static MessageKind Classify(string subject, bool isReply, string body)
    {
        var rest = ReplyPrefix().Replace(subject, "");
        var replied = rest.Length != subject.Length;
        if (rest.Contains("[GIT PULL", StringComparison.OrdinalIgnoreCase)
            || (!replied && body.Contains("The following changes since commit", StringComparison.Ordinal)))
        {
            return replied ? MessageKind.Reply : MessageKind.Pull;
        }
        var tag = PatchTag().Match(rest);
        if (tag.Success && !replied)
        {
            return tag.Groups["index"].Success && int.TryParse(tag.Groups["index"].Value, out var index) && index == 0
                ? MessageKind.Cover
                : MessageKind.Patch;
        }
        if (replied || isReply)
        {
            return MessageKind.Reply;
        }
        return MessageKind.Other;
    }

    public static string ToApiName(this MessageKind kind) => kind switch
    {
        MessageKind.Patch => "patch",
        MessageKind.Cover => "cover",
        MessageKind.Reply => "reply",
        MessageKind.Pull => "pull",
        _ => "other",
    };

    // "Re: Re: AW: [PATCH ...]", "Fwd:", "Antw:", "SV:" as mailers write them.
    [GeneratedRegex(@"^\s*((re|aw|sv|antw|fwd?|wg)\s*(\[\d+\])?\s*:\s*)+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReplyPrefix();

    [GeneratedRegex(@"^\s*\[[^\]]*\bPATCH[^\]]*?(?:(?<index>\d+)\s*/\s*\d+)?\s*\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PatchTag();
}
