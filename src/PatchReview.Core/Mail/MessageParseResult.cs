using System.Diagnostics.CodeAnalysis;

namespace PatchReview.Core.Mail;

/// <summary>
/// What <see cref="MessageParser.Parse"/> made of one envelope: either the parsed message, or the one-sentence reason
/// it was set aside, such as <c>truncated: the message ends inside its headers</c>. Exactly one of the two is set.
/// </summary>
public sealed record MessageParseResult
{
    private MessageParseResult(ParsedMessage? message, string? rejectReason)
    {
        Message = message;
        RejectReason = rejectReason;
    }

    public ParsedMessage? Message { get; }

    public string? RejectReason { get; }

    /// <summary>True when the message was set aside; then <see cref="RejectReason"/> is set and <see cref="Message"/> is null.</summary>
    [MemberNotNullWhen(true, nameof(RejectReason))]
    [MemberNotNullWhen(false, nameof(Message))]
    public bool IsRejected => RejectReason is not null;

    public static MessageParseResult Parsed(ParsedMessage message) => new(message ?? throw new ArgumentNullException(nameof(message)), null);

    public static MessageParseResult Rejected(string reason) => new(null, string.IsNullOrWhiteSpace(reason) ? throw new ArgumentException("A reason is required.", nameof(reason)) : reason);
}
