using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace PatchReview.Core.Mail;

/// <summary>
/// Reads a public-inbox v2 archive (public-inbox-v2-format(5)), as <c>git clone --mirror https://lore.kernel.org/linux-s390/0</c>
/// gives it: an inbox directory holding epochs <c>git/0.git</c>, <c>git/1.git</c>..., each a bare repository whose
/// commits each store one message as the blob <c>m</c>. Example: <c>PublicInboxReader.ReadInboxAsync("/srv/linux-s390", ct)</c>
/// yields envelopes with Source <c>/srv/linux-s390/git/0.git</c>, Offset = the commit's position in that epoch, BlobId = the blob.
/// Uses the <c>git</c> command line, streaming; nothing is checked out.
/// </summary>
public static class PublicInboxReader
{
    /// <summary>The epochs of an inbox directory in numeric order (<c>git/2.git</c> before <c>git/10.git</c>); empty when there are none.</summary>
    public static IReadOnlyList<string> FindEpochs(string inboxDirectory)
    {
        var gitDirectory = Path.Combine(inboxDirectory, "git");
        if (!Directory.Exists(gitDirectory))
        {
            return [];
        }

        var epochs = new List<(int Number, string Path)>();
        foreach (var path in Directory.EnumerateDirectories(gitDirectory, "*.git"))
        {
            var name = Path.GetFileName(path);
            if (int.TryParse(name.AsSpan(0, name.Length - ".git".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                epochs.Add((number, path));
            }
        }

        return [.. epochs.OrderBy(e => e.Number).Select(e => e.Path)];
    }

    /// <summary>Reads every epoch of the inbox, oldest epoch first.</summary>
    public static async IAsyncEnumerable<MailEnvelope> ReadInboxAsync(string inboxDirectory, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var buffers = new RawBuffers();
        foreach (var epoch in FindEpochs(inboxDirectory))
        {
            await foreach (var message in ReadEpochAsync(epoch, buffers, ct))
            {
                yield return message;
            }
        }
    }

    /// <summary>
    /// Reads one epoch (a bare git repository) oldest commit first, from <c>refs/heads/master</c> or else <c>HEAD</c>.
    /// Messages that a later commit removes are not yielded.
    /// </summary>
    /// <exception cref="MailReadException">A git process failed; the message names the repository.</exception>
    public static IAsyncEnumerable<MailEnvelope> ReadEpochAsync(string repository, CancellationToken ct = default) =>
        ReadEpochAsync(repository, new RawBuffers(), ct);

    private static async IAsyncEnumerable<MailEnvelope> ReadEpochAsync(string repository, RawBuffers buffers,
        [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(repository);
        var branch = await ResolveBranchAsync(repository, ct);
        if (branch is null)
        {
            yield break;
        }

        // A removal comes after the message it removes, so a first pass collects removals and a second streams the
        // messages; two walks of the log keep memory flat where holding a million commit ids would not.
        var removed = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var change in ReadChangesAsync(repository, branch, ct))
        {
            if (change.Removed is not null)
            {
                removed.Add(change.Removed);
            }
        }

        await using var blobs = BlobReader.Start(repository);
        await foreach (var change in ReadChangesAsync(repository, branch, ct))
        {
            if (change.Added is not null && !removed.Contains(change.Added))
            {
                yield return await blobs.ReadAsync(change.Added, change.Ordinal, buffers, ct);
            }
        }
    }

    /// <summary>What one commit did: the message blob it added as <c>m</c>, or the message blob it removed.</summary>
    private readonly record struct CommitChange(long Ordinal, string? Added, string? Removed);

    private static async Task<string?> ResolveBranchAsync(string repository, CancellationToken ct)
    {
        foreach (var candidate in (string[])["refs/heads/master", "HEAD"])
        {
            using var git = StartGit(repository, ["rev-parse", "--verify", "--quiet", candidate + "^{commit}"], redirectInput: false);
            var errors = git.StandardError.ReadToEndAsync(CancellationToken.None);
            await git.StandardOutput.ReadToEndAsync(ct);
            await git.WaitForExitAsync(ct);
            // --verify --quiet exits 1 for a missing ref (an empty epoch); anything else means git itself failed.
            if (git.ExitCode == 0)
            {
                return candidate;
            }

            if (git.ExitCode != 1)
            {
                throw GitFailed(repository, 0, "git rev-parse", git.ExitCode, await errors);
            }
        }

        return null;
    }

    private static async IAsyncEnumerable<CommitChange> ReadChangesAsync(
        string repository, string branch, [EnumeratorCancellation] CancellationToken ct)
    {
        // --no-renames: git >= 2.9 shows public-inbox's removal commit (tree {m: X} -> {d: X}) as a rename "R100 m d".
        // --root: the first commit's message shows as an addition. The other flags keep user config out of the output.
        using var git = StartGit(repository,
            ["log", "--reverse", "--raw", "--no-abbrev", "--no-renames", "--root", "--no-color", "--no-show-signature",
             "--no-ext-diff", "--format=%H", branch, "--"],
            redirectInput: false);
        var errors = git.StandardError.ReadToEndAsync(CancellationToken.None);
        long ordinal = -1;
        string? added = null, removedM = null, addedD = null;
        try
        {
            while (await git.StandardOutput.ReadLineAsync(ct) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                if (line[0] != ':')
                {
                    if (ordinal >= 0)
                    {
                        yield return new CommitChange(ordinal, added, addedD ?? removedM);
                    }

                    ordinal++;
                    added = removedM = addedD = null;
                    continue;
                }

                // ":100644 100644 <old blob> <new blob> M\tm" (git-diff(1), RAW OUTPUT FORMAT)
                var tab = line.IndexOf('\t');
                var fields = line[1..tab].Split(' ');
                var (oldBlob, newBlob, status, path) = (fields[2], fields[3], fields[4][0], line[(tab + 1)..]);
                if (path == "m" && status is 'A' or 'M')
                {
                    added = newBlob;
                }
                else if (path == "m" && status == 'D')
                {
                    removedM = oldBlob;
                }
                else if (path == "d" && status is 'A' or 'M')
                {
                    // public-inbox removes a message with a commit whose tree holds only "d", the removed message
                    // (lib/PublicInbox/Import.pm, sub remove). "m" disappears from that tree too, but the blob it
                    // had is the previous message, which stays.
                    addedD = newBlob;
                }
            }

            if (ordinal >= 0)
            {
                yield return new CommitChange(ordinal, added, addedD ?? removedM);
            }

            await git.WaitForExitAsync(ct);
            if (git.ExitCode != 0)
            {
                throw GitFailed(repository, Math.Max(ordinal, 0), "git log", git.ExitCode, await errors);
            }
        }
        finally
        {
            Stop(git);
        }
    }

    private static Process StartGit(string repository, IEnumerable<string> arguments, bool redirectInput)
    {
        var start = new ProcessStartInfo("git")
        {
            UseShellExecute = false,
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = redirectInput ? new UTF8Encoding(false) : null,
        };
        // --git-dir, not -C: -C would walk up from a directory that is not a repository and read an enclosing one.
        start.ArgumentList.Add("--git-dir=" + repository);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            return Process.Start(start) ?? throw new MailReadException(repository, 0, "git did not start");
        }
        catch (Win32Exception ex)
        {
            throw new MailReadException(repository, 0, $"cannot run git: {ex.Message}", ex);
        }
    }

    private static void Stop(Process git)
    {
        try
        {
            if (!git.HasExited)
            {
                git.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    private static MailReadException GitFailed(string repository, long ordinal, string command, int exitCode, string errors)
    {
        var firstLine = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return new MailReadException(repository, ordinal, $"{command} failed with exit code {exitCode}: {firstLine ?? "no error output"}");
    }

    /// <summary>
    /// One long-lived <c>git cat-file --batch</c>: write a blob id, read back <c>&lt;id&gt; blob &lt;size&gt;\n</c>,
    /// the content and a LF (git-cat-file(1), BATCH OUTPUT).
    /// </summary>
    private sealed class BlobReader : IAsyncDisposable
    {
        private readonly Process _git;
        private readonly string _repository;
        private readonly Stream _output;
        private readonly Task<string> _errors;
        private readonly byte[] _buffer = new byte[64 * 1024];
        private readonly byte[] _content = new byte[RawBuffers.LargestPacked + 1];
        private int _start;
        private int _end;

        private BlobReader(Process git, string repository)
        {
            _git = git;
            _repository = repository;
            _output = git.StandardOutput.BaseStream;
            _errors = git.StandardError.ReadToEndAsync(CancellationToken.None);
        }

        public static BlobReader Start(string repository) => new(StartGit(repository, ["cat-file", "--batch"], redirectInput: true), repository);

        /// <summary>The blob's envelope: read through one reused array and packed, or, when large, read into its own.</summary>
        public async Task<MailEnvelope> ReadAsync(string blobId, long ordinal, RawBuffers buffers, CancellationToken ct)
        {
            try
            {
                await _git.StandardInput.WriteAsync((blobId + "\n").AsMemory(), ct);
                await _git.StandardInput.FlushAsync(ct);
                var header = await ReadHeaderAsync(ct);
                var parts = header.Split(' ');
                if (parts is not [_, "blob", var sizeText] || !int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                {
                    throw new MailReadException(_repository, ordinal, $"git cat-file answered \"{header}\" for blob {blobId}");
                }

                if (size > RawBuffers.LargestPacked)
                {
                    var owned = new byte[size];
                    await ReadExactlyAsync(owned, ct);
                    // The LF after the content.
                    await ReadExactlyAsync(_content.AsMemory(0, 1), ct);
                    return buffers.Pack(_repository, ordinal, blobId, owned);
                }
                // The content and the LF after it.
                await ReadExactlyAsync(_content.AsMemory(0, size + 1), ct);
                return buffers.Pack(_repository, ordinal, blobId, _content.AsSpan(0, size));
            }
            catch (IOException ex)
            {
                throw new MailReadException(_repository, ordinal, $"git cat-file stopped while reading blob {blobId}: {await ErrorsAsync()}", ex);
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                _git.StandardInput.Close();
                await _git.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception ex) when (ex is IOException or TimeoutException)
            {
                // A git that already died or hangs is stopped below.
            }

            Stop(_git);
            _git.Dispose();
        }

        private async Task<string> ErrorsAsync()
        {
            Stop(_git);
            var errors = (await _errors).Trim();
            return errors.Length > 0 ? errors : "no error output";
        }

        private async Task<string> ReadHeaderAsync(CancellationToken ct)
        {
            while (true)
            {
                var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    var header = Encoding.ASCII.GetString(_buffer, _start, newline);
                    _start += newline + 1;
                    return header;
                }

                if (_start > 0)
                {
                    _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                    _end -= _start;
                    _start = 0;
                }

                if (_end == _buffer.Length)
                {
                    throw new IOException("the git cat-file header line is too long");
                }

                var read = await _output.ReadAsync(_buffer.AsMemory(_end), ct);
                if (read == 0)
                {
                    throw new EndOfStreamException("git cat-file ended its output");
                }

                _end += read;
            }
        }

        private async Task ReadExactlyAsync(Memory<byte> destination, CancellationToken ct)
        {
            var buffered = Math.Min(destination.Length, _end - _start);
            _buffer.AsSpan(_start, buffered).CopyTo(destination.Span);
            _start += buffered;
            if (buffered < destination.Length)
            {
                await _output.ReadExactlyAsync(destination[buffered..], ct);
            }
        }
    }
}
