using PatchReview.Core.Mail;

namespace PatchReview.Core.Patches;

/// <summary>
/// Tells patches, cover letters, replies and pull requests apart from the subject and the body, first rule that holds:
/// <list type="number">
/// <item>A reply prefix (<c>Re: [PATCH v6 16/21] …</c>, <c>RE:</c>, <c>AW:</c>) makes a reply, even when the reply carries
/// a diff: reviewers paste "something like this" diffs below their comments.</item>
/// <item>A <c>[GIT PULL]</c> (or <c>[PULL]</c>) tag makes a pull request. That includes
/// <c>[GIT PULL 03/42] s390/sclp: detect the AENI facility</c>: a maintainer re-sending one already applied patch with
/// the pull. It carries a diff, but it is not up for review and must not count as a patch of its series (18 of the 20
/// zPCI ones repeat a v9 title, and without a v-number they would read as version 1); <see cref="PatchSubject.IsPull"/>
/// with its index tells the series analysis which patch it is.</item>
/// <item>A PATCH or RFC tag: index 0 is a cover letter; a diff of its own makes a patch, also when sent in reply
/// (<c>[PATCH v5.1 3/8]</c> answering a review), and so does a numbered subject whose diff is an attachment; an
/// unnumbered one without a diff heads its patches, so it is a cover letter (<c>[PATCH v2] Documentation:
/// kernel-parameters: alphabetize and misc. fixes</c> lists its three patches and a diffstat), unless it answers a
/// message, when it is a reply. The tag outranks the body: a cover letter that pastes request-pull output stays a cover.</item>
/// <item>No tag: an unquoted line "The following changes since commit" (git request-pull) makes a pull request; then a
/// diff of its own makes a patch; then an In-Reply-To makes a reply; then a diffstat makes a cover letter (Christoph
/// Hellwig's series start with an untagged <c>cleanup swiotlb initialization v8</c> ending in "48 files changed, …");
/// anything else is other.</item>
/// </list>
/// Quoted lines (<c>&gt; diff --git</c>) never count: only lines starting at column 0 are read.
/// </summary>
public static partial class MessageClassifier
{
    /// <summary>Classifies by subject, whether the message names a parent (In-Reply-To), and the decoded body.</summary>
    public static MessageKind Classify(string subject, bool isReply, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Classify(PatchSubject.Read(subject, out var replyPrefix), replyPrefix, isReply, body);
    }

    /// <summary>Classifies a parsed message; a message with In-Reply-To counts as answering one, as in the API.</summary>
    public static MessageKind Classify(ParsedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Classify(message.Subject, message.InReplyTo.Count > 0, message.BodyText);
    }

    private static MessageKind Classify(PatchSubject? tagged, bool replyPrefix, bool isReply, ReadOnlySpan<char> body)
    {
        if (replyPrefix)
        {
            return MessageKind.Reply;
        }

        if (tagged is { IsPull: true })
        {
            return MessageKind.Pull;
        }

        if (tagged is not null)
        {
            if (tagged.Index == 0)
            {
                return MessageKind.Cover;
            }

            if (tagged.IndexText is not null || HasOwnDiff(body))
            {
                return MessageKind.Patch;
            }

            return isReply ? MessageKind.Reply : MessageKind.Cover;
        }

        if (HasLineStartingWith(body, "The following changes since commit"))
        {
            return MessageKind.Pull;
        }

        if (HasOwnDiff(body))
        {
            return MessageKind.Patch;
        }

        if (isReply)
        {
            return MessageKind.Reply;
        }

        return HasDiffstat(body) ? MessageKind.Cover : MessageKind.Other;
    }

    /// <summary>
    /// True when the body carries an unquoted diff: a <c>diff --git </c> line, or a unified diff's
    /// <c>--- </c>, <c>+++ </c>, <c>@@ </c> lines one after another (quilt and plain <c>diff -u</c> output).
    /// </summary>
    public static bool HasOwnDiff(ReadOnlySpan<char> body)
    {
        if (HasLineStartingWith(body, "diff --git "))
        {
            return true;
        }

        var from = 0;
        while (IndexOfLineStart(body, "+++ ", from) is var plus and >= 0)
        {
            if (plus > 0)
            {
                var previousEnd = plus - 1;
                var previousStart = body[..previousEnd].LastIndexOf('\n') + 1;
                var nextStart = body[plus..].IndexOf('\n') is var end and >= 0 ? plus + end + 1 : body.Length;
                if (body[previousStart..previousEnd].StartsWith("--- ", StringComparison.Ordinal)
                    && body[nextStart..].StartsWith("@@ ", StringComparison.Ordinal))
                {
                    return true;
                }
            }

            from = plus + 1;
        }

        return false;
    }

    /// <summary>
    /// True when a line is a diffstat's summary as git writes it: <c> 48 files changed, 252 insertions(+), 827 deletions(-)</c>
    /// or <c> 1 file changed, 1 insertion(+)</c>.
    /// </summary>
    private static bool HasDiffstat(ReadOnlySpan<char> body)
    {
        // " 12345 files" is all a summary line holds before " changed", so look back no further than that: a long
        // line with many " changed" in it then costs no more than a short one.
        const int longestCount = 16;
        var from = 0;
        while (body[from..].IndexOf(" changed", StringComparison.Ordinal) is var found and >= 0)
        {
            var changed = from + found;
            var windowStart = Math.Max(0, changed - longestCount);
            var newline = body[windowStart..changed].LastIndexOf('\n');
            if (newline >= 0 || windowStart == 0)
            {
                var line = body[(newline < 0 ? 0 : windowStart + newline + 1)..changed];
                var after = body[(changed + " changed".Length)..];
                if (line is [' ', _, ..] && line[1..].IndexOfAnyExceptInRange('0', '9') is var digits and > 0
                    && line[(1 + digits)..] is " file" or " files" && (after.IsEmpty || after[0] is ',' or '\n' or '\r'))
                {
                    return true;
                }
            }

            from = changed + 1;
        }

        return false;
    }

    private static bool HasLineStartingWith(ReadOnlySpan<char> body, string prefix) => IndexOfLineStart(body, prefix, 0) >= 0;

    /// <summary>The position of the first occurrence of <paramref name="prefix"/> at a line start, at or after <paramref name="from"/>; -1 when none.</summary>
    private static int IndexOfLineStart(ReadOnlySpan<char> body, string prefix, int from)
    {
        while (from <= body.Length && body[from..].IndexOf(prefix, StringComparison.Ordinal) is var found and >= 0)
        {
            var at = from + found;
            if (at == 0 || body[at - 1] == '\n')
            {
                return at;
            }

            from = at + 1;
        }

        return -1;
    }
}
