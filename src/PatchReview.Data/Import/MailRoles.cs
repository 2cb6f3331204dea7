namespace PatchReview.Data.Import;

/// <summary>The values of <c>mail_analysis.role</c>.</summary>
static class MailRoles
{
    public const string Patch = "patch";
    public const string Cover = "cover";
    public const string Pull = "pull";
    /// <summary>An already posted patch re-sent inside a pull request (<c>[GIT PULL 03/42]</c>).</summary>
    public const string PullPatch = "pull-patch";
}
