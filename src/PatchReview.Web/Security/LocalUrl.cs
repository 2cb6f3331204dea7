namespace PatchReview.Web.Security;

/// <summary>Where to send someone back to after signing in or out: a path on this site, never another site ("//evil.example").</summary>
public static class LocalUrl
{
    public static string OrRoot(string? url) => url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? url : "/";
}
