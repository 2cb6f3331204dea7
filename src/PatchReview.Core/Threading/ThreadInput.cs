namespace PatchReview.Core.Threading;

/// <summary>What threading needs of one received message: its id and the ids it names as parents.</summary>
public sealed record ThreadInput(string MessageId, IReadOnlyList<string> InReplyTo, IReadOnlyList<string> References, DateTimeOffset? Date);

/// <summary>
/// Where one message sits in its thread. Ghosts are messages that were referenced but never received.
/// </summary>
public sealed record ThreadLink(string MessageId, string? ParentMessageId, string RootMessageId, bool IsGhost);
