using System.Diagnostics;
using System.Text;
using PatchReview.Core.Mail;
using PatchReview.Core.Tests.Mail;
using Xunit;

namespace PatchReview.Core.Tests.Diffs;

/// <summary>The parsed messages of the shared corpus (read once per test run), and the real git to compare with.</summary>
internal static class DiffCorpus
{
    static readonly Dictionary<string, Task<IReadOnlyList<ParsedMessage>>> Archives = [];
    static readonly Lock Gate = new();

    public static Task<IReadOnlyList<ParsedMessage>> MessagesAsync(string archive)
    {
        lock (Gate)
        {
            if (!Archives.TryGetValue(archive, out var messages))
            {
                Archives[archive] = messages = ReadAsync(archive);
            }

            return messages;
        }
    }

    static async Task<IReadOnlyList<ParsedMessage>> ReadAsync(string archive)
    {
        var parsed = new List<ParsedMessage>();
        // Shared by every test that asks first, so no one test's cancellation token may end it.
        await foreach (var envelope in MailReader.ReadAsync(MailFixtures.Corpus(archive), CancellationToken.None))
        {
            parsed.Add(MessageParser.Parse(envelope).Message!);
        }

        return parsed;
    }

    public static ParsedMessage Single(IReadOnlyList<ParsedMessage> messages, string messageId)
        => Assert.Single(messages, m => m.MessageId == messageId);

    /// <summary>
    /// Runs <c>git patch-id --stable</c> once over all <paramref name="patches"/>, each introduced by a
    /// <c>From &lt;name&gt;</c> line with its own 40-hex name, and returns what git printed: name → patch id, plus any
    /// the names of the texts after which git printed a further id under the zero name (a second patch it found
    /// inside one text, after a hunk whose line counts went wrong).
    /// </summary>
    public static (Dictionary<string, string> ByName, List<string> SplitInTwo) GitPatchIds(IReadOnlyList<(string Name, string Text)> patches)
    {
        var input = new StringBuilder();
        foreach (var (name, text) in patches)
        {
            input.Append("From ").Append(name).Append(" Mon Sep 17 00:00:00 2001\n").Append(text);
            if (text.Length > 0 && text[^1] != '\n')
            {
                input.Append('\n');
            }
        }

        var start = new ProcessStartInfo("git", ["patch-id", "--stable"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.ASCII,
            WorkingDirectory = Path.GetTempPath(),
        };
        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"These tests compare with the real git; install git and put it on PATH ({ex.Message}).", ex);
        }

        using var git = started ?? throw new InvalidOperationException("git did not start");
        var output = git.StandardOutput.ReadToEndAsync();
        var errors = git.StandardError.ReadToEndAsync();
        git.StandardInput.Write(input.ToString());
        git.StandardInput.Close();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git patch-id failed: {errors.Result}");

        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        var splitInTwo = new List<string>();
        var last = "";
        foreach (var line in output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var (id, name) = (line[..40], line[41..]);
            if (name == new string('0', 40))
            {
                splitInTwo.Add(last);
            }
            else
            {
                Assert.True(byName.TryAdd(name, id), $"git printed {name} twice");
                last = name;
            }
        }

        return (byName, splitInTwo);
    }

    public static string Name(int index) => index.ToString("x40", System.Globalization.CultureInfo.InvariantCulture);
}
