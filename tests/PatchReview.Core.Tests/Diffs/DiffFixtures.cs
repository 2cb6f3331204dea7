using Xunit;

namespace PatchReview.Core.Tests.Diffs;

/// <summary>
/// The diff fixtures: <c>Fixtures/*.mbox</c> beside this file are <c>git format-patch</c> output (one patch each), read
/// from the source tree; short inputs are written inline with <see cref="Lines"/>.
/// </summary>
internal static class DiffFixtures
{
    public static string Text(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PatchReview.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return File.ReadAllText(Path.Combine(directory.FullName, "tests", "PatchReview.Core.Tests", "Diffs", "Fixtures", name));
    }

    /// <summary>The body of a fixture: what follows the mbox headers' blank line.</summary>
    public static string Body(string name)
    {
        var text = Text(name);
        return text[(text.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];
    }

    /// <summary>Lines joined with LF, each ended by one: trailing spaces stay visible as string contents.</summary>
    public static string Lines(params string[] lines) => string.Join('\n', lines) + "\n";
}
