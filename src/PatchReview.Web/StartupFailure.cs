namespace PatchReview.Web;

/// <summary>Bad settings stop the host with one sentence on stderr, never a stack trace.</summary>
static class StartupFailure
{
    public const int ExitCode = 1;

    public static int Report(string sentence)
    {
        Console.Error.WriteLine($"PatchReview.Web cannot start: {sentence}");
        return ExitCode;
    }
}
