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

public static partial class MessageClassifier
{
    public static string ToApiName(this MessageKind kind) => kind switch
    {
        MessageKind.Patch => "patch",
        MessageKind.Cover => "cover",
        MessageKind.Reply => "reply",
        MessageKind.Pull => "pull",
        _ => "other",
    };
}
