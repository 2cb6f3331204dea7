using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using PatchReview.Core.Mail;
using Xunit;

namespace PatchReview.Core.Tests.Mail;

/// <summary>
/// Builds real public-inbox v2 epochs with plumbing commands, the way public-inbox's Import.pm writes them:
/// every commit's tree holds one file, <c>m</c> for a message, or <c>d</c> for a message being removed.
/// </summary>
public sealed class PublicInboxReaderTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("patchreview-inbox-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public async Task Inbox_epochs_are_read_in_order_oldest_commit_first_without_removed_messages()
    {
        var inbox = Path.Combine(_temp.FullName, "linux-s390");
        var epoch0 = Path.Combine(inbox, "git", "0.git");
        var epoch1 = Path.Combine(inbox, "git", "1.git");
        var one = Message(1);
        var two = Message(2);
        var three = Message(3);
        var four = Message(4);
        var five = Message(5);
        var six = Message(6);
        var seven = Message(7);
        var blobs0 = BuildEpoch(epoch0, [Add(one), Add(two), Add(three), RemoveAsPublicInboxDoes(one), Add(four)]);
        var blobs1 = BuildEpoch(epoch1, [Add(five), Add(six), RemoveM(), Add(seven)]);

        var messages = await MailFixtures.ReadAllAsync(inbox);

        Assert.Equal([two, three, four, five, seven], messages.Select(MailFixtures.Text));
        Assert.Equal([epoch0, epoch0, epoch0, epoch1, epoch1], messages.Select(m => m.Source));
        Assert.Equal([1L, 2L, 4L, 0L, 3L], messages.Select(m => m.Offset));
        Assert.Equal([blobs0[1], blobs0[2], blobs0[4], blobs1[0], blobs1[3]], messages.Select(m => m.BlobId));
    }

    [Fact]
    public async Task Bare_git_repository_is_read_as_one_epoch()
    {
        var epoch = Path.Combine(_temp.FullName, "0.git");
        var blobs = BuildEpoch(epoch, [Add(Message(1)), Add(Message(2))]);

        var messages = await MailFixtures.ReadAllAsync(epoch);

        Assert.Equal(blobs, messages.Select(m => m.BlobId));
        Assert.Equal(Message(2), MailFixtures.Text(messages[1]));
        Assert.Equal($"{epoch} blob {blobs[1]}", messages[1].Location);
    }

    [Fact]
    public async Task Epoch_without_commits_yields_nothing()
    {
        var epoch = Path.Combine(_temp.FullName, "empty.git");
        Git(null, "init", "--quiet", "--bare", epoch);

        Assert.Empty(await MailFixtures.ReadAllAsync(epoch));
    }

    [Fact]
    public void Epochs_are_ordered_by_number_not_by_name()
    {
        foreach (var name in (string[])["10.git", "2.git", "0.git", "1.git", "all.git", "notes"])
        {
            Directory.CreateDirectory(Path.Combine(_temp.FullName, "git", name));
        }

        var epochs = PublicInboxReader.FindEpochs(_temp.FullName);

        Assert.Equal(["0.git", "1.git", "2.git", "10.git"], epochs.Select(Path.GetFileName));
    }

    [Fact]
    public async Task Broken_repository_raises_a_MailReadException_naming_it()
    {
        var broken = Path.Combine(_temp.FullName, "broken.git");
        Directory.CreateDirectory(Path.Combine(broken, "objects"));
        File.WriteAllText(Path.Combine(broken, "HEAD"), "not a ref\n");

        var error = await Assert.ThrowsAsync<MailReadException>(() => MailFixtures.ReadAllAsync(broken));

        Assert.Equal(broken, error.Source);
        Assert.Contains("git rev-parse failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blobs_of_every_epoch_are_packed_together_and_a_large_one_keeps_its_own_array()
    {
        var inbox = Path.Combine(_temp.FullName, "linux-s390");
        var large = Message(2) + new string('x', 300_000) + "\n";
        BuildEpoch(Path.Combine(inbox, "git", "0.git"), [Add(Message(1)), Add(large), Add(Message(3))]);
        BuildEpoch(Path.Combine(inbox, "git", "1.git"), [Add(Message(4))]);

        var messages = await MailFixtures.ReadAllAsync(inbox);

        Assert.Equal([Message(1), large, Message(3), Message(4)], messages.Select(MailFixtures.Text));
        var segments = messages.Select(m => MemoryMarshal.TryGetArray(m.Raw, out var segment) ? segment : default).ToList();
        Assert.NotNull(segments[0].Array);
        Assert.All([segments[2], segments[3]], s => Assert.Same(segments[0].Array, s.Array));
        Assert.Equal((0, large.Length), (segments[1].Offset, segments[1].Array!.Length));
    }

    private static string Message(int number)
        => $"From: Matthew Rosato <mjrosato@linux.ibm.com>\nSubject: [PATCH {number}/7] message {number}\nMessage-ID: <{number}@linux.ibm.com>\n\nBody {number}.\n";

    private sealed record Change(string? M, string? D);

    private static Change Add(string message) => new(message, null);

    /// <summary>public-inbox's Import.pm <c>remove</c>: the tree becomes just <c>d</c>, holding the removed message.</summary>
    private static Change RemoveAsPublicInboxDoes(string message) => new(null, message);

    /// <summary>A plain deletion of <c>m</c> with nothing in its place: the message it held is removed.</summary>
    private static Change RemoveM() => new(null, null);

    /// <summary>Creates the epoch with one commit per change on refs/heads/master; returns each commit's <c>m</c> blob (or null).</summary>
    private static List<string?> BuildEpoch(string epoch, IEnumerable<Change> changes)
    {
        Git(null, "init", "--quiet", "--bare", "--initial-branch=master", epoch);
        string? parent = null;
        var blobs = new List<string?>();
        var time = 1651568400;
        foreach (var change in changes)
        {
            var entries = new StringBuilder();
            string? blob = null;
            if (change.M is not null)
            {
                blob = GitWithInput(epoch, change.M, "hash-object", "-w", "--stdin");
                entries.Append($"100644 blob {blob}\tm\n");
            }

            if (change.D is not null)
            {
                entries.Append($"100644 blob {GitWithInput(epoch, change.D, "hash-object", "-w", "--stdin")}\td\n");
            }

            var tree = GitWithInput(epoch, entries.ToString(), "mktree");
            string[] parentArguments = parent is null ? [] : ["-p", parent];
            parent = Git(epoch, "commit\n", ["commit-tree", tree, .. parentArguments], time++);
            blobs.Add(blob);
        }

        Git(epoch, "update-ref", "refs/heads/master", parent!);
        return blobs;
    }

    private static string Git(string? gitDirectory, params string[] arguments) => Git(gitDirectory, null, arguments, 1651568400);

    private static string GitWithInput(string gitDirectory, string input, params string[] arguments) => Git(gitDirectory, input, arguments, 1651568400);

    private static string Git(string? gitDirectory, string? input, string[] arguments, long time)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (gitDirectory is not null)
        {
            start.ArgumentList.Add("--git-dir=" + gitDirectory);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Fixed identity and dates make commit ids the same on every run and machine.
        var environment = new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = "PatchReview Test", ["GIT_AUTHOR_EMAIL"] = "test@patchreview.invalid",
            ["GIT_COMMITTER_NAME"] = "PatchReview Test", ["GIT_COMMITTER_EMAIL"] = "test@patchreview.invalid",
            ["GIT_AUTHOR_DATE"] = $"{time} +0000", ["GIT_COMMITTER_DATE"] = $"{time} +0000", ["GIT_CONFIG_NOSYSTEM"] = "1",
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var git = Process.Start(start)!;
        git.StandardInput.Write(input ?? "");
        git.StandardInput.Close();
        var output = git.StandardOutput.ReadToEnd();
        var errors = git.StandardError.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', arguments)} failed: {errors}");
        return output.Trim();
    }
}
